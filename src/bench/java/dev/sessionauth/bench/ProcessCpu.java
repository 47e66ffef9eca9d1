package dev.sessionauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time used by processes, read from {@code /proc/<pid>/stat} ({@code utime + stime}): the per-request server CPU
 * column of the table. Steadier than req/s on a shared machine, because time another process steals from the core
 * is not counted. Linux only; elsewhere {@link #available()} is false and the column stays empty.
 */
final class ProcessCpu {
    /** {@code USER_HZ}: the unit of {@code utime}/{@code stime}; 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** Seconds of CPU (user + system) the processes have used so far; a process that is gone counts 0. */
    static double seconds(Collection<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            ticks += ticks(pid);
        }
        return ticks / TICKS_PER_SECOND;
    }

    static double seconds(long pid) {
        return ticks(pid) / TICKS_PER_SECOND;
    }

    private static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return 0;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        // After ')' come state (field 3) ... utime (14) and stime (15), so indexes 11 and 12 here.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
