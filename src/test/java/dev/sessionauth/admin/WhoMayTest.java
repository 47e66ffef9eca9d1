package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.BAN_USER;
import static dev.sessionauth.admin.AdminKit.IMPERSONATE_USER;
import static dev.sessionauth.admin.AdminKit.LIST_USERS;
import static dev.sessionauth.admin.AdminKit.REMOVE_USER;
import static dev.sessionauth.admin.AdminKit.REVOKE_USER_SESSION;
import static dev.sessionauth.admin.AdminKit.REVOKE_USER_SESSIONS;
import static dev.sessionauth.admin.AdminKit.SET_ROLE;
import static dev.sessionauth.admin.AdminKit.SET_USER_PASSWORD;
import static dev.sessionauth.admin.AdminKit.newAdmin;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.refused;
import static dev.sessionauth.admin.AdminKit.userId;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may use the admin tools over HTTP: a signed-in user whose role is in {@code admin.roles} or whose id is in
 * {@code admin.userIds}, read from the store on every call, with a fresh sign-in and a trusted origin; another admin
 * is no target unless {@code admin.allowAdminTargets}; nobody bans or removes themselves; no client chooses its own
 * role. Everyone else gets Better Auth's refusal for that endpoint, and nothing changes.
 */
class WhoMayTest {
    private TestServer server;
    private TestServer other;

    @AfterEach
    void stop() {
        if (other != null) {
            other.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** One admin endpoint: how to call it on {@code target}, and the code a user who is not an admin gets. */
    record Call(String name, String code) {
        Reply send(TestClient browser, String target) {
            return switch (name) {
                case "create-user" -> browser.post(AdminKit.CREATE_USER, json("email", Accounts.uniqueEmail("made"),
                        "password", Accounts.PASSWORD, "name", "Made"));
                case "list-users" -> browser.get(LIST_USERS);
                case "get-user" -> browser.get(AdminKit.GET_USER + "?id=" + target);
                case "set-role" -> browser.post(SET_ROLE, json("userId", target, "role", "admin"));
                case "update-user" -> browser.post(AdminKit.BASE + name, json("userId", target,
                        "data", java.util.Map.of("email", Accounts.uniqueEmail("moved"), "role", "admin")));
                case "revoke-user-session" -> browser.post(REVOKE_USER_SESSION,
                        json("userId", target, "sessionToken", "x"));
                case "set-user-password" -> browser.post(SET_USER_PASSWORD,
                        json("userId", target, "newPassword", "another long password"));
                default -> browser.post(AdminKit.BASE + name, userId(target));
            };
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("create-user", "YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS"),
                new Call("list-users", "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS"),
                new Call("get-user", "YOU_ARE_NOT_ALLOWED_TO_GET_USER"),
                new Call("set-role", "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE"),
                new Call("update-user", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS"),
                new Call("ban-user", "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"),
                new Call("unban-user", "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"),
                new Call("list-user-sessions", "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS"),
                new Call("revoke-user-session", "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"),
                new Call("revoke-user-sessions", "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"),
                new Call("set-user-password", "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD"),
                new Call("remove-user", "YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS"),
                new Call("disable-two-factor", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS"),
                new Call("impersonate-user", "YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void withoutASessionEveryAdminEndpointAnswers401(Call call) {
        server = AdminKit.server().start();
        SignedInUser victim = Accounts.signUp(server, "victim");

        refused(call.send(server.client(), victim.userId()), 401, "UNAUTHORIZED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void aUserWhoIsNotAnAdminGetsBetterAuthsRefusalAndChangesNothing(Call call) {
        server = AdminKit.server().start();
        SignedInUser victim = Accounts.signUp(server, "victim");
        SignedInUser mallory = Accounts.signUp(server, "mallory");
        long users = server.count("SELECT COUNT(*) FROM sa_user");

        refused(call.send(mallory.browser(), victim.userId()), 403, call.code());

        assertThat(server.count("SELECT COUNT(*) FROM sa_user")).isEqualTo(users);
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE f_role <> 'user' OR f_banned = TRUE")).isZero();
        assertThat(victim.browser().getSession().json().path("user").path("id").asText()).isEqualTo(victim.userId());
        assertThat(mallory.browser().getSession().json().path("session").path("impersonatedBy").isMissingNode())
                .isTrue();
    }

    @Test
    void aUserWithAnAdminRoleMayAndLosesItTheMomentTheRoleIsTakenAway() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");

        ok(admin.browser().get(LIST_USERS));
        AdminKit.admin(server).setRole(admin.userId(), "user");

        refused(admin.browser().get(LIST_USERS), 403, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
    }

    @Test
    void theRolesInAdminRolesAreTheAdminRolesAndOnlyThey() {
        server = AdminKit.server("admin.roles", "support, owner").start();
        SignedInUser support = Accounts.signUp(server, "support");
        SignedInUser plainAdmin = Accounts.signUp(server, "plain");
        AdminKit.admin(server).setRole(support.userId(), "editor,support");
        AdminKit.admin(server).setRole(plainAdmin.userId(), "admin");

        ok(support.browser().get(LIST_USERS));
        refused(plainAdmin.browser().get(LIST_USERS), 403, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
    }

    @Test
    void aUserNamedInAdminUserIdsIsAnAdminWhateverTheirRole() {
        String url = "jdbc:h2:mem:admin-ids-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        server = AdminKit.server().jdbcUrl(url).start();
        SignedInUser first = Accounts.signUp(server, "first");
        refused(first.browser().get(LIST_USERS), 403, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");

        // A second instance on the same database, configured with the first admin's id.
        other = AdminKit.server("admin.userIds", first.userId()).jdbcUrl(url).start();
        TestClient onOther = TestClient.at(other.origin());
        onOther.putCookie(Accounts.TOKEN_COOKIE, first.cookie());

        JsonNode page = ok(onOther.get(LIST_USERS));
        assertThat(page.path("users").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void anAdminWhoseSignInIsNoLongerFreshMustSignInAgain() {
        MutableClock clock = new MutableClock();
        server = AdminKit.server("session.freshAge", "1h").clock(clock).start();
        SignedInUser admin = newAdmin(server, "admin");
        ok(admin.browser().get(LIST_USERS));

        clock.advance(Duration.ofMinutes(61));

        Reply stale = admin.browser().get(LIST_USERS);
        refused(stale, 403, "SESSION_NOT_FRESH");
        assertThat(admin.browser().getSession().json().path("user").path("id").asText())
                .as("still signed in, only not fresh").isEqualTo(admin.userId());
        TestClient again = Accounts.signIn(server, admin.email()).browser();
        ok(again.get(LIST_USERS));
    }

    @Test
    void adminPostsMustComeFromATrustedOriginAndReadsMustNotNameAForeignOne() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");

        refused(admin.browser().post(BAN_USER, userId(victim.userId()), "Origin", "https://evil.example"), 403,
                "INVALID_ORIGIN");
        TestClient noOrigin = TestClient.at(server.origin()).withoutOrigin();
        noOrigin.putCookie(Accounts.TOKEN_COOKIE, admin.cookie());
        refused(noOrigin.post(BAN_USER, userId(victim.userId())), 403, "MISSING_OR_NULL_ORIGIN");
        refused(admin.browser().get(LIST_USERS, "Origin", "https://evil.example"), 403, "INVALID_ORIGIN");

        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE f_banned = TRUE")).isZero();
        ok(admin.browser().get(LIST_USERS, "Origin", server.origin()));
        ok(admin.browser().get(LIST_USERS));
    }

    @Test
    void theAdminEndpointsTakeJsonNotForms() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");

        Reply form = admin.browser().postForm(BAN_USER, "userId=" + victim.userId());

        refused(form, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE f_banned = TRUE")).isZero();
    }

    /** The calls that change another user, and what an admin gets for one aimed at another admin. */
    static Stream<Call> changes() {
        return Stream.of(
                new Call("ban-user", "YOU_CANNOT_CHANGE_ADMINS"),
                new Call("set-role", "YOU_CANNOT_CHANGE_ADMINS"),
                new Call("update-user", "YOU_CANNOT_CHANGE_ADMINS"),
                new Call("set-user-password", "YOU_CANNOT_CHANGE_ADMINS"),
                new Call("remove-user", "YOU_CANNOT_CHANGE_ADMINS"),
                new Call("revoke-user-sessions", "YOU_CANNOT_CHANGE_ADMINS"),
                new Call("disable-two-factor", "YOU_CANNOT_CHANGE_ADMINS"),
                new Call("impersonate-user", "YOU_CANNOT_IMPERSONATE_ADMINS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anotherAdminIsNoTarget(Call call) {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser colleague = newAdmin(server, "colleague");

        refused(call.send(admin.browser(), colleague.userId()), 403, call.code());

        assertThat(colleague.browser().getSession().json().path("user").path("role").asText()).isEqualTo("admin");
        assertThat(admin.browser().getSession().json().path("user").path("id").asText()).isEqualTo(admin.userId());
    }

    @Test
    void anAdminsOtherSessionIsNoTargetEitherButTheirOwnAre() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser colleague = newAdmin(server, "colleague");
        String colleagueSession = colleague.browser().getSession().json().path("session").path("id").asText();
        TestClient adminPhone = Accounts.signIn(server, admin.email()).browser();
        String phoneSession = adminPhone.getSession().json().path("session").path("id").asText();

        refused(admin.browser().post(REVOKE_USER_SESSION, json("sessionToken", colleagueSession)), 403,
                "YOU_CANNOT_CHANGE_ADMINS");
        assertThat(ok(admin.browser().post(REVOKE_USER_SESSION, json("sessionToken", phoneSession)))
                .path("success").asBoolean()).isTrue();

        assertThat(colleague.browser().getSession().json().path("session").path("id").asText())
                .isEqualTo(colleagueSession);
        assertThat(adminPhone.getSession().body()).isEqualTo("null");
    }

    @Test
    void withAllowAdminTargetsAnAdminMayBanAndImpersonateAnotherAdmin() {
        server = AdminKit.server("admin.allowAdminTargets", "true").start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser colleague = newAdmin(server, "colleague");
        SignedInUser third = newAdmin(server, "third");

        ok(admin.browser().post(IMPERSONATE_USER, userId(third.userId())));
        TestClient second = Accounts.signIn(server, admin.email()).browser();
        JsonNode banned = ok(second.post(BAN_USER, userId(colleague.userId())));

        assertThat(banned.path("user").path("banned").asBoolean()).isTrue();
        assertThat(colleague.browser().getSession().body()).isEqualTo("null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ban-user", "remove-user", "impersonate-user"})
    void nobodyBansRemovesOrImpersonatesThemselves(String endpoint) {
        server = AdminKit.server("admin.allowAdminTargets", "true").start();
        SignedInUser admin = newAdmin(server, "admin");

        Reply r = admin.browser().post(AdminKit.BASE + endpoint, userId(admin.userId()));

        switch (endpoint) {
            case "ban-user" -> refused(r, 400, "YOU_CANNOT_BAN_YOURSELF");
            case "remove-user" -> refused(r, 400, "YOU_CANNOT_REMOVE_YOURSELF");
            default -> refused(r, 403, "YOU_CANNOT_IMPERSONATE_ADMINS");
        }
        assertThat(admin.browser().getSession().json().path("user").path("banned").asBoolean()).isFalse();
    }

    @Test
    void noClientChoosesItsOwnRoleOrBanOrImpersonation() {
        server = AdminKit.server().start();
        Reply signUp = server.client().post(Accounts.SIGN_UP, Accounts.signUpBody(Accounts.uniqueEmail("climber"),
                "role", "admin"));
        refused(signUp, 400, "FIELD_NOT_ALLOWED");
        assertThat(signUp.json().path("message").asText()).isEqualTo("role is not allowed to be set");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user")).isZero();

        SignedInUser user = Accounts.signUp(server, "user");
        for (String field : new String[] {"role", "banned", "banReason", "banExpires"}) {
            Reply update = user.browser().post(Accounts.UPDATE_USER, json(field, field.equals("banned") ? false : "x"));
            refused(update, 400, "FIELD_NOT_ALLOWED");
            assertThat(update.json().path("message").asText()).isEqualTo(field + " is not allowed to be set");
        }
        refused(user.browser().post(Accounts.UPDATE_SESSION, json("impersonatedBy", user.userId())), 400,
                "FIELD_NOT_ALLOWED");

        JsonNode session = user.browser().getSession().json();
        assertThat(session.path("user").path("role").asText()).isEqualTo("user");
        assertThat(session.path("user").path("banned").asBoolean()).isFalse();
        assertThat(session.path("session").has("impersonatedBy")).isFalse();
        refused(user.browser().get(LIST_USERS), 403, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
    }

    @Test
    void anAppThatDeclaresRoleItselfKeepsItsDefaultAndClientsStillCannotSetIt() {
        server = AdminKit.server("user.fields", "role:string:input:default=member").start();
        SignedInUser user = Accounts.signUp(server, "member");
        assertThat(user.browser().getSession().json().path("user").path("role").asText()).isEqualTo("member");

        refused(user.browser().post(Accounts.UPDATE_USER, json("role", "admin")), 400, "FIELD_NOT_ALLOWED");
        assertThat(user.browser().getSession().json().path("user").path("role").asText()).isEqualTo("member");
    }

    @Test
    void settingsThatWouldMakeEveryoneAnAdminStopTheStart() {
        assertThatThrownBy(() -> TestServer.engineBuilder().set("admin.enabled", "true")
                .set("admin.defaultRole", "admin").build())
                .hasMessageContaining("admin.defaultRole").hasMessageContaining("admin.roles");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("admin.enabled", "true")
                .set("admin.impersonationMaxAge", "2d").build())
                .hasMessageContaining("admin.impersonationMaxAge");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("admin.enabeld", "true").build())
                .hasMessageContaining("admin.enabeld");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("admin.enabled", "true")
                .set("user.fields", "role:json").build())
                .hasMessageContaining("role").hasMessageContaining("string");
    }
}
