package dev.sessionauth.bench;

import java.io.IOException;
import java.util.List;

/**
 * Which core the server and the load generator run on: on a 2-core machine the server JVM (and the PostgreSQL it
 * starts, which inherits its affinity) gets one core with {@code taskset -c 1} and {@code wrk} the other with
 * {@code taskset -c 0}, so neither steals the other's cycles and the server's throughput is one core's. Without
 * {@code taskset} or a second core the run goes on unpinned, with a warning that the table repeats.
 *
 * @param server the command prefix for the server JVM (empty when unpinned)
 * @param load   the command prefix for wrk (empty when unpinned)
 * @param text   how the table states it
 */
record Pinning(List<String> server, List<String> load, String text) {
    static Pinning choose(boolean wanted, int serverCpu, int loadCpu) {
        if (!wanted) {
            return unpinned("not pinned (bench.pin=false): server and wrk share all cores");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2 || serverCpu == loadCpu) {
            return unpinned("NOT pinned: " + cores + " core(s) available to the benchmark, pinning needs two"
                    + " different ones (bench.serverCpu=" + serverCpu + ", bench.loadCpu=" + loadCpu + ")");
        }
        if (!works(serverCpu) || !works(loadCpu)) {
            return unpinned("NOT pinned: `taskset -c " + serverCpu + "` / `taskset -c " + loadCpu + "` failed"
                    + " (is util-linux installed, are those cores allowed?)");
        }
        return new Pinning(List.of("taskset", "-c", Integer.toString(serverCpu)),
                List.of("taskset", "-c", Integer.toString(loadCpu)),
                "server JVM" + " pinned to CPU " + serverCpu + " (`taskset -c " + serverCpu + "`), wrk to CPU "
                        + loadCpu + " (`taskset -c " + loadCpu + "`)");
    }

    boolean pinned() {
        return !server.isEmpty();
    }

    private static Pinning unpinned(String why) {
        System.out.println("WARNING: " + why + "; the numbers measure a shared machine.");
        return new Pinning(List.of(), List.of(), why);
    }

    private static boolean works(int cpu) {
        try {
            Process p = new ProcessBuilder("taskset", "-c", Integer.toString(cpu), "true").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
