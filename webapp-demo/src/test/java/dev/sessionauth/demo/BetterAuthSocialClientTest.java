package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own npm client ({@code better-auth/client}, pinned in src/test/js) through social sign-in against the
 * demo and its development OpenID provider: {@code signIn.social} (the redirect flow through the provider's login
 * page and back, and a native app's ID token), {@code listAccounts}, {@code linkSocial}, {@code unlinkAccount}, all
 * through Better Auth's code (social.mjs).
 */
class BetterAuthSocialClientTest {
    private static final File SCRIPT_DIR = new File("src/test/js/better-auth-client");
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
        assertThat(new File(SCRIPT_DIR, "node_modules/better-auth")).as(
                "better-auth is installed by the build (npm ci in %s); is npm on the PATH?", SCRIPT_DIR).isDirectory();
        Process node = new ProcessBuilder("node", "social.mjs", demo.url("")).directory(SCRIPT_DIR)
                .redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node did not finish: %s", output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("BETTER AUTH SOCIAL CLIENT: ALL OK");
    }
}
