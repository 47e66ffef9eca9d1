package dev.sessionauth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.AdminAction;
import dev.sessionauth.SessionListener;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the admin tests share: the endpoints, a server with the tools on, admins made through the Java API. */
final class AdminKit {
    static final String BASE = "/api/auth/admin/";
    static final String CREATE_USER = BASE + "create-user";
    static final String LIST_USERS = BASE + "list-users";
    static final String GET_USER = BASE + "get-user";
    static final String SET_ROLE = BASE + "set-role";
    static final String BAN_USER = BASE + "ban-user";
    static final String UNBAN_USER = BASE + "unban-user";
    static final String LIST_USER_SESSIONS = BASE + "list-user-sessions";
    static final String REVOKE_USER_SESSION = BASE + "revoke-user-session";
    static final String REVOKE_USER_SESSIONS = BASE + "revoke-user-sessions";
    static final String SET_USER_PASSWORD = BASE + "set-user-password";
    static final String REMOVE_USER = BASE + "remove-user";
    static final String IMPERSONATE_USER = BASE + "impersonate-user";
    static final String STOP_IMPERSONATING = BASE + "stop-impersonating";
    static final String HAS_PERMISSION = BASE + "has-permission";
    static final String ADMIN_COOKIE = "sessionauth.admin_session";

    private AdminKit() {
    }

    /** A server with the admin tools on (and what else the test sets). */
    static TestServer.Builder server(String... settings) {
        return TestServer.builder().set("admin.enabled", "true").set("protected", "/app/**").settings(settings);
    }

    static Admin admin(TestServer server) {
        return Admin.of(server.auth());
    }

    /** A new user made an admin through the operator's Java API; their browser holds a fresh session. */
    static SignedInUser newAdmin(TestServer server, String hint) {
        SignedInUser user = Accounts.signUp(server, hint);
        admin(server).setRole(user.userId(), "admin");
        return user;
    }

    /** {@code {"userId": id}}. */
    static String userId(String id) {
        return Accounts.json("userId", id);
    }

    static JsonNode ok(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static void refused(TestClient.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
    }

    /** A listener that keeps the audit trail; events arrive on the events thread, so tests wait for them. */
    static final class AuditTrail implements SessionListener {
        private final BlockingQueue<AdminAction> actions = new LinkedBlockingQueue<>();

        @Override
        public void adminAction(AdminAction action) {
            actions.add(action);
        }

        /** The next action heard, waiting for it. */
        AdminAction next() {
            try {
                AdminAction a = actions.poll(20, TimeUnit.SECONDS);
                assertThat(a).as("an admin action within the timeout").isNotNull();
                return a;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The next action of this kind, skipping others. */
        AdminAction next(AdminAction.Kind kind) {
            List<AdminAction> skipped = new ArrayList<>();
            while (true) {
                AdminAction a = next();
                if (a.kind() == kind) {
                    return a;
                }
                skipped.add(a);
                assertThat(skipped).as("waiting for " + kind).hasSizeLessThan(50);
            }
        }
    }
}
