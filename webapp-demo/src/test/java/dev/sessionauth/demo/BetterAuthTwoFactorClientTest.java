package dev.sessionauth.demo;

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
        NodeScript.passes("src/test/js/better-auth-client", "better-auth", "BETTER AUTH TWO-FACTOR CLIENT: ALL OK",
                "two-factor.mjs", demo.url(""));
    }
}
