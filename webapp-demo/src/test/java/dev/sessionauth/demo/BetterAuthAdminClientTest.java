package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own npm client with its {@code adminClient()} plugin (pinned in src/test/js) against the demo's admin
 * tools: listUsers, createUser, setRole, getUser, listUserSessions, revokeUserSession(s), banUser, unbanUser,
 * setUserPassword, impersonateUser, stopImpersonating, hasPermission, removeUser, and the refusals, all through
 * Better Auth's code. The admin is the demo's {@code DEMO_ADMIN_EMAIL} sign-up.
 */
class BetterAuthAdminClientTest {
    private static final File SCRIPT_DIR = new File("src/test/js/better-auth-client");
    private static final String ADMIN_EMAIL = "wire-admin-" + UUID.randomUUID().toString().substring(0, 8)
            + "@example.com";
    private static DemoServer demo;

    @BeforeAll
    static void startDemo() throws Exception {
        System.setProperty("demo.adminEmail", ADMIN_EMAIL);
        demo = DemoServer.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
        System.clearProperty("demo.adminEmail");
    }

    @Test
    void betterAuthsAdminPluginWorksAgainstTheJavaServerUnchanged() throws Exception {
        assertThat(new File(SCRIPT_DIR, "node_modules/better-auth")).as(
                "better-auth is installed by the build (npm ci in %s); is npm on the PATH?", SCRIPT_DIR).isDirectory();
        Process node = new ProcessBuilder("node", "admin.mjs", demo.url(""), ADMIN_EMAIL).directory(SCRIPT_DIR)
                .redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node did not finish: %s", output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("BETTER AUTH ADMIN CLIENT: ALL OK");
    }
}
