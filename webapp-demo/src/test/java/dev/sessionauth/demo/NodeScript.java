package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the scripts that drive Better Auth's own npm client under Node (src/test/js): run to the end, and passed
 * only when it exits 0 having printed its all-clear line. Its output goes to a file, not a pipe, so a talkative
 * script cannot stall on a full pipe buffer.
 */
final class NodeScript {
    private NodeScript() {
    }

    /**
     * Runs {@code node <script> <args>} in {@code dir}, where the build has installed {@code module} (npm ci), and
     * asserts it passed: finished within two minutes, exit 0, {@code allClear} printed.
     */
    static void passes(String dir, String module, String allClear, String script, String... args)
            throws IOException, InterruptedException {
        File folder = new File(dir);
        assertThat(new File(folder, "node_modules/" + module)).as(
                "%s is installed by the build (npm ci in %s); is npm on the PATH?", module, dir).isDirectory();
        Path log = Files.createTempFile("node-" + script, ".log");
        try {
            List<String> command = new ArrayList<>(List.of("node", script));
            command.addAll(List.of(args));
            Process node = new ProcessBuilder(command).directory(folder).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = node.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("node did not finish: %s", output).isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).contains(allClear);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
