package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own passkey client plugin ({@code @better-auth/passkey/client} over {@code @simplewebauthn/browser},
 * pinned in src/test/js/better-auth-passkey) against the demo under Node: {@code passkey.addPasskey} (and its refusal
 * of an authenticator that holds a passkey already), {@code listUserPasskeys}, {@code signIn.passkey} from another
 * "browser", a cloned authenticator refused, {@code updatePasskey}, {@code deletePasskey} (another user's refused,
 * a deleted one no longer signing in), and passkey-first sign-up ({@code addPasskey({context, createSession})}). Node has no WebAuthn, so the script's software authenticator plays
 * {@code navigator.credentials} with real keys and signatures; the demo is reached at {@code localhost}.
 */
class BetterAuthPasskeyClientTest {
    private static final File SCRIPT_DIR = new File("src/test/js/better-auth-passkey");
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
    void betterAuthsPasskeyClientWorksAgainstTheJavaServerUnchanged() throws Exception {
        assertThat(new File(SCRIPT_DIR, "node_modules/@better-auth/passkey")).as(
                "@better-auth/passkey is installed by the build (npm ci in %s); is npm on the PATH?", SCRIPT_DIR)
                .isDirectory();
        Process node = new ProcessBuilder("node", "passkey.mjs", "http://localhost:" + demo.port())
                .directory(SCRIPT_DIR).redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node did not finish: %s", output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("BETTER AUTH PASSKEY CLIENT: ALL OK");
    }
}
