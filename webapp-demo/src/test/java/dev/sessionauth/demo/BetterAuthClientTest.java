package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own npm client ({@code better-auth/client}, pinned in src/test/js) against the demo: sign-up,
 * sign-in, get-session, list, update, revoke one/others/all, sign-out, change-password (revoking the other sessions),
 * request-password-reset, the mailed link and reset-password (link read from /dev/mail.json), all through Better
 * Auth's code.
 */
class BetterAuthClientTest {
    private static final File SCRIPT_DIR = new File("src/test/js/better-auth-client");
    private static DemoServer demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
    }

    @Test
    void betterAuthsOwnClientWorksAgainstTheJavaServerUnchanged() throws Exception {
        assertThat(new File(SCRIPT_DIR, "node_modules/better-auth")).as(
                "better-auth is installed by the build (npm ci in %s); is npm on the PATH?", SCRIPT_DIR).isDirectory();
        Process node = new ProcessBuilder("node", "wire.mjs", demo.url("")).directory(SCRIPT_DIR)
                .redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node did not finish: %s", output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("BETTER AUTH CLIENT: ALL OK");
    }
}
