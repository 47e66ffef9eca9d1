package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own npm client with its {@code twoFactorClient()} plugin (pinned in src/test/js) against the demo:
 * enable, the first code turning it on, a sign-in stopping at the second step ({@code onTwoFactorRedirect}), a wrong
 * and a replayed code refused, verify-totp signing in and trusting the device, new backup codes and one used once,
 * get-totp-uri, disable; the authenticator app computed in node from the key in the URI.
 */
class BetterAuthTwoFactorClientTest {
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
    void betterAuthsTwoFactorPluginDrivesTheJavaServerUnchanged() throws Exception {
        assertThat(new File(SCRIPT_DIR, "node_modules/better-auth")).as(
                "better-auth is installed by the build (npm ci in %s); is npm on the PATH?", SCRIPT_DIR).isDirectory();
        Process node = new ProcessBuilder("node", "two-factor.mjs", demo.url("")).directory(SCRIPT_DIR)
                .redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node did not finish: %s", output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("BETTER AUTH TWO-FACTOR CLIENT: ALL OK");
    }
}
