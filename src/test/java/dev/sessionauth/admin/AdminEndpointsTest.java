package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.CREATE_USER;
import static dev.sessionauth.admin.AdminKit.GET_USER;
import static dev.sessionauth.admin.AdminKit.HAS_PERMISSION;
import static dev.sessionauth.admin.AdminKit.LIST_USER_SESSIONS;
import static dev.sessionauth.admin.AdminKit.REMOVE_USER;
import static dev.sessionauth.admin.AdminKit.REVOKE_USER_SESSION;
import static dev.sessionauth.admin.AdminKit.REVOKE_USER_SESSIONS;
import static dev.sessionauth.admin.AdminKit.SET_ROLE;
import static dev.sessionauth.admin.AdminKit.SET_USER_PASSWORD;
import static dev.sessionauth.admin.AdminKit.newAdmin;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.refused;
import static dev.sessionauth.admin.AdminKit.userId;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.AdminAction;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoints' shapes on Better Auth's wire ({@code {user}}, {@code {sessions}}, {@code {success}},
 * {@code {status}}, the bare user of get-user) and what each does to the account and its sessions.
 */
class AdminEndpointsTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createUserMakesAUserWhoCanSignInWithTheRoleGivenAndNoSessionForTheAdmin() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().listener(audit).start();
        SignedInUser admin = newAdmin(server, "admin");
        String email = Accounts.uniqueEmail("Made");

        Reply r = admin.browser().post(CREATE_USER, json("email", email.toUpperCase(), "password", PASSWORD,
                "name", "Made Up", "role", List.of("user", "editor"), "data", java.util.Map.of("emailVerified", true)));

        JsonNode user = ok(r).path("user");
        assertThat(user.path("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(user.path("name").asText()).isEqualTo("Made Up");
        assertThat(user.path("role").asText()).isEqualTo("user,editor");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
        assertThat(user.path("banned").asBoolean()).isFalse();
        assertThat(user.has("banReason") && user.path("banReason").isNull()).isTrue();
        assertThat(user.has("passwordHash")).isFalse();
        assertThat(r.setCookie(Accounts.TOKEN_COOKIE)).as("the admin stays who they are").isEmpty();
        assertThat(ok(server.client().signIn(email, PASSWORD)).path("user").path("id").asText())
                .isEqualTo(user.path("id").asText());
        AdminAction made = audit.next(AdminAction.Kind.CREATE_USER);
        assertThat(made.targetUserId()).isEqualTo(user.path("id").asText());
        assertThat(made.details()).containsEntry("role", "user,editor");
    }

    @Test
    void createUserGivesTheDefaultRoleAndRefusesWhatASignUpWouldRefuse() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        TestClient b = admin.browser();

        JsonNode plain = ok(b.post(CREATE_USER, json("email", Accounts.uniqueEmail("plain"), "password", PASSWORD,
                "name", "Plain"))).path("user");
        assertThat(plain.path("role").asText()).isEqualTo("user");
        assertThat(plain.path("emailVerified").asBoolean()).isFalse();

        refused(b.post(CREATE_USER, json("email", admin.email(), "password", PASSWORD, "name", "Dup")), 422,
                "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
        refused(b.post(CREATE_USER, json("email", "not-an-address", "password", PASSWORD, "name", "X")), 400,
                "INVALID_EMAIL");
        refused(b.post(CREATE_USER, json("email", Accounts.uniqueEmail("short"), "password", "short", "name", "X")),
                400, "PASSWORD_TOO_SHORT");
        refused(b.post(CREATE_USER, json("email", Accounts.uniqueEmail("ban"), "password", PASSWORD, "name", "X",
                "data", java.util.Map.of("banned", true))), 400, "FIELD_NOT_ALLOWED");
        refused(b.post(CREATE_USER, json("email", Accounts.uniqueEmail("role"), "password", PASSWORD, "name", "X",
                "role", List.of("user", 7))), 400, "INVALID_ROLE_TYPE");
        refused(b.post(CREATE_USER, json("email", Accounts.uniqueEmail("odd"), "password", PASSWORD, "name", "X",
                "data", java.util.Map.of("shoeSize", 44))), 400, "INVALID_REQUEST_BODY");
        refused(b.post(CREATE_USER, json("email", Accounts.uniqueEmail("nopw"), "name", "X")), 400,
                "INVALID_REQUEST_BODY");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user")).isEqualTo(2);
    }

    @Test
    void setRoleAnswersTheUserWithTheRolesJoinedAndTheRoleCountsAtOnce() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");

        JsonNode changed = ok(admin.browser().post(SET_ROLE, json("userId", user.userId(),
                "role", List.of("editor", "admin")))).path("user");

        assertThat(changed.path("role").asText()).isEqualTo("editor,admin");
        assertThat(user.browser().get("/app/x").json().path("isAdmin").asBoolean()).isTrue();
        ok(user.browser().get(AdminKit.LIST_USERS));
        refused(admin.browser().post(SET_ROLE, json("userId", "nobody", "role", "admin")), 404, "USER_NOT_FOUND");
        refused(admin.browser().post(SET_ROLE, json("userId", user.userId(), "role", 42)), 400, "INVALID_ROLE_TYPE");
        refused(admin.browser().post(SET_ROLE, json("userId", user.userId(), "role", " , ")), 400,
                "INVALID_REQUEST_BODY");
    }

    @Test
    void getUserAnswersTheBareUser() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");

        JsonNode got = ok(admin.browser().get(GET_USER + "?id=" + user.userId()));

        assertThat(got.path("id").asText()).isEqualTo(user.userId());
        assertThat(got.path("email").asText()).isEqualTo(user.email());
        assertThat(got.path("role").asText()).isEqualTo("user");
        refused(admin.browser().get(GET_USER + "?id=nobody"), 404, "USER_NOT_FOUND");
    }

    @Test
    void listUserSessionsShowsHandlesThatRevokeButNeverTokens() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        SignedInUser phone = Accounts.signIn(server, user.email());

        JsonNode sessions = ok(admin.browser().post(LIST_USER_SESSIONS, userId(user.userId()))).path("sessions");

        assertThat(sessions).hasSize(2);
        for (JsonNode s : sessions) {
            assertThat(s.path("userId").asText()).isEqualTo(user.userId());
            assertThat(s.path("token").asText()).isEqualTo(s.path("id").asText());
            assertThat(s.path("token").asText()).isNotIn(user.token(), phone.token());
            assertThat(s.has("impersonatedBy") && s.path("impersonatedBy").isNull()).isTrue();
        }
        String phoneHandle = phone.browser().getSession().json().path("session").path("id").asText();
        TestClient thief = server.client();
        thief.putCookie(Accounts.TOKEN_COOKIE, phoneHandle);
        assertThat(thief.getSession().body()).as("a handle is no credential").isEqualTo("null");

        JsonNode revoked = ok(admin.browser().post(REVOKE_USER_SESSION, json("userId", user.userId(),
                "sessionToken", phoneHandle)));

        assertThat(revoked.path("success").asBoolean()).isTrue();
        assertThat(phone.browser().getSession().body()).isEqualTo("null");
        assertThat(user.browser().getSession().json().path("user").path("id").asText()).isEqualTo(user.userId());
        assertThat(ok(admin.browser().post(REVOKE_USER_SESSION, json("userId", user.userId(),
                "sessionToken", phoneHandle))).path("success").asBoolean()).as("gone already").isFalse();
        refused(admin.browser().post(LIST_USER_SESSIONS, userId("nobody")), 404, "USER_NOT_FOUND");
    }

    @Test
    void revokeUserSessionEndsOnlyASessionOfTheNamedUser() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser alice = Accounts.signUp(server, "alice");
        SignedInUser bob = Accounts.signUp(server, "bob");
        String bobsSession = bob.browser().getSession().json().path("session").path("id").asText();

        JsonNode r = ok(admin.browser().post(REVOKE_USER_SESSION, json("userId", alice.userId(),
                "sessionToken", bobsSession)));

        assertThat(r.path("success").asBoolean()).isFalse();
        assertThat(bob.browser().getSession().json().path("session").path("id").asText()).isEqualTo(bobsSession);
        assertThat(ok(admin.browser().post(REVOKE_USER_SESSION, json("sessionToken", bobsSession)))
                .path("success").asBoolean()).as("Better Auth's client names only the handle").isTrue();
        assertThat(bob.browser().getSession().body()).isEqualTo("null");
    }

    @Test
    void revokeUserSessionsEndsEveryOneOfThem() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        SignedInUser phone = Accounts.signIn(server, user.email());

        assertThat(ok(admin.browser().post(REVOKE_USER_SESSIONS, userId(user.userId()))).path("success").asBoolean())
                .isTrue();

        assertThat(user.browser().getSession().body()).isEqualTo("null");
        assertThat(phone.browser().getSession().body()).isEqualTo("null");
        assertThat(admin.browser().getSession().json().path("user").path("id").asText()).isEqualTo(admin.userId());
    }

    @Test
    void setUserPasswordSetsItAndEndsTheUsersSessions() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");

        JsonNode r = ok(admin.browser().post(SET_USER_PASSWORD, json("userId", user.userId(),
                "newPassword", "a brand new passphrase")));

        assertThat(r.path("status").asBoolean()).isTrue();
        assertThat(user.browser().getSession().body()).isEqualTo("null");
        refused(server.client().signIn(user.email(), PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
        ok(server.client().signIn(user.email(), "a brand new passphrase"));
        refused(admin.browser().post(SET_USER_PASSWORD, json("userId", user.userId(), "newPassword", "short")), 400,
                "PASSWORD_TOO_SHORT");
        refused(admin.browser().post(SET_USER_PASSWORD, json("userId", "nobody", "newPassword",
                "a brand new passphrase")), 404, "USER_NOT_FOUND");
    }

    /** Hears which users the app is told are about to be deleted. */
    static final class Deletions implements SessionListener {
        final List<String> ids = new CopyOnWriteArrayList<>();

        @Override
        public void userDeleted(User user) {
            ids.add(user.getId());
        }
    }

    @Test
    void removeUserDeletesTheUserWithTheirSessionsAndTellsTheApp() {
        Deletions deletions = new Deletions();
        server = AdminKit.server().listener(deletions).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");

        JsonNode r = ok(admin.browser().post(REMOVE_USER, userId(user.userId())));

        assertThat(r.path("success").asBoolean()).isTrue();
        assertThat(deletions.ids).containsExactly(user.userId());
        assertThat(user.browser().getSession().body()).isEqualTo("null");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE id = ?", user.userId())).isZero();
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE user_id = ?", user.userId())).isZero();
        refused(server.client().signIn(user.email(), PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
        refused(admin.browser().post(REMOVE_USER, userId(user.userId())), 404, "USER_NOT_FOUND");
    }

    @Test
    void hasPermissionAnswersForTheCallerAsBetterAuthDoes() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");

        JsonNode yes = ok(admin.browser().post(HAS_PERMISSION, "{\"permissions\":{\"user\":[\"ban\",\"list\"],"
                + "\"session\":[\"revoke\"]}}"));
        JsonNode adminsNo = ok(admin.browser().post(HAS_PERMISSION,
                "{\"permissions\":{\"user\":[\"impersonate-admins\"]}}"));
        JsonNode userNo = ok(user.browser().post(HAS_PERMISSION, "{\"permissions\":{\"user\":[\"list\"]}}"));

        assertThat(yes.path("success").asBoolean()).isTrue();
        assertThat(yes.has("error") && yes.path("error").isNull()).isTrue();
        assertThat(adminsNo.path("success").asBoolean()).isFalse();
        assertThat(userNo.path("success").asBoolean()).isFalse();
        refused(admin.browser().post(HAS_PERMISSION, "{}"), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void theOperatorsJavaApiAppliesNoWhoMayRuleAndIsAuditedWithoutAnActor() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().listener(audit).start();
        Admin admin = AdminKit.admin(server);
        SignedInUser first = Accounts.signUp(server, "first");
        SignedInUser second = Accounts.signUp(server, "second");

        User promoted = admin.setRole(first.userId(), "admin");
        admin.setRole(second.userId(), "admin");
        User banned = admin.ban(second.userId(), "operator's call");

        assertThat(admin.isAdmin(promoted)).isTrue();
        assertThat(admin.isBanned(banned)).isTrue();
        AdminAction set = audit.next(AdminAction.Kind.SET_ROLE);
        assertThat(set.actorId()).isEmpty();
        assertThat(set.details()).containsEntry("role", "admin").containsEntry("previousRole", "user");
        assertThat(admin.listUserSessions(second.userId())).isEmpty();
    }
}
