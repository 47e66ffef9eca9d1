package dev.sessionauth.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own npm client ({@code better-auth/client}, pinned in src/test/js) through social sign-in against the
 * demo and its development OpenID provider: {@code signIn.social} (the redirect flow through the provider's login
 * page and back, and a native app's ID token), {@code getAccessToken} and {@code refreshToken} (the provider's tokens
 * the server kept), {@code listAccounts}, {@code linkSocial}, {@code unlinkAccount}, all through Better Auth's code
 * (social.mjs).
 */
class BetterAuthSocialClientTest {
    private static DemoServer demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = SocialDemo.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
    }

    @Test
    void betterAuthsOwnClientSignsInWithAProviderAndManagesLinkedAccounts() throws Exception {
        NodeScript.passes("src/test/js/better-auth-client", "better-auth", "BETTER AUTH SOCIAL CLIENT: ALL OK",
                "social.mjs", demo.url(""));
    }
}
