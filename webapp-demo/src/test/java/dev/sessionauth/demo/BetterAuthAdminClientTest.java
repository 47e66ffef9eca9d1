package dev.sessionauth.demo;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's own npm client with its {@code adminClient()} plugin (pinned in src/test/js) against the demo's admin
 * tools: listUsers, createUser, setRole, getUser, updateUser, listUserSessions, revokeUserSession(s), banUser,
 * unbanUser, setUserPassword, impersonateUser, stopImpersonating, hasPermission, removeUser, and the refusals, all
 * through Better Auth's code. The admin is the demo's {@code DEMO_ADMIN_EMAIL} sign-up.
 */
class BetterAuthAdminClientTest {
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
        NodeScript.passes("src/test/js/better-auth-client", "better-auth", "BETTER AUTH ADMIN CLIENT: ALL OK",
                "admin.mjs", demo.url(""), ADMIN_EMAIL);
    }
}
