package dev.sessionauth.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own passkey client plugin ({@code @better-auth/passkey/client} over {@code @simplewebauthn/browser},
 * pinned in src/test/js/better-auth-passkey) against the demo under Node: {@code passkey.addPasskey} (and its refusal
 * of an authenticator that holds a passkey already), {@code listUserPasskeys}, {@code signIn.passkey} from another
 * "browser", a cloned authenticator refused, {@code updatePasskey}, {@code deletePasskey} (another user's refused,
 * a deleted one no longer signing in), and passkey-first sign-up ({@code addPasskey({context, createSession})}).
 * Node has no WebAuthn, so the script's software authenticator plays {@code navigator.credentials} with real keys
 * and signatures; the demo is reached at {@code localhost}.
 */
class BetterAuthPasskeyClientTest {
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
        NodeScript.passes("src/test/js/better-auth-passkey", "@better-auth/passkey",
                "BETTER AUTH PASSKEY CLIENT: ALL OK", "passkey.mjs", "http://localhost:" + demo.port());
    }
}
