package dev.sessionauth.demo;

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
        NodeScript.passes("src/test/js/better-auth-client", "better-auth", "BETTER AUTH CLIENT: ALL OK",
                "wire.mjs", demo.url(""));
    }
}
