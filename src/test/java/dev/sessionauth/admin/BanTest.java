package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.BAN_USER;
import static dev.sessionauth.admin.AdminKit.LIST_USERS;
import static dev.sessionauth.admin.AdminKit.UNBAN_USER;
import static dev.sessionauth.admin.AdminKit.newAdmin;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.refused;
import static dev.sessionauth.admin.AdminKit.userId;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.AdminAction;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.engine.Engine;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Banning: every session of the user ends at once, every way in answers 403 {@code BANNED_USER} with Better Auth's
 * message (only to someone who gave the right password; the reason stays in the admin's view), a ban with an end
 * lifts itself once it has passed, unbanning lets the user back in, and each ban is audited.
 */
class BanTest {
    private static final String BA_MESSAGE = "You have been banned from this application. Please contact support if"
            + " you believe this is an error.";

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBanEndsEverySessionOfTheUserAtOnceAndIsAudited() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().listener(audit).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");
        TestClient phone = Accounts.signIn(server, victim.email()).browser();
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", victim.userId())).isEqualTo(2);
        Instant before = Instant.now();

        JsonNode banned = ok(admin.browser().post(BAN_USER, json("userId", victim.userId(), "banReason", "spam")));

        JsonNode user = banned.path("user");
        assertThat(user.path("id").asText()).isEqualTo(victim.userId());
        assertThat(user.path("banned").asBoolean()).isTrue();
        assertThat(user.path("banReason").asText()).isEqualTo("spam");
        assertThat(user.path("banExpires").isNull()).as(user.toString()).isTrue();
        assertThat(victim.browser().getSession().body()).isEqualTo("null");
        assertThat(phone.get("/app/x").status()).isEqualTo(401);
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", victim.userId())).isZero();
        assertThat(admin.browser().getSession().json().path("user").path("id").asText()).isEqualTo(admin.userId());

        AdminAction action = audit.next(AdminAction.Kind.BAN);
        assertThat(action.actorId()).contains(admin.userId());
        assertThat(action.actorSession()).isPresent();
        assertThat(action.targetUserId()).isEqualTo(victim.userId());
        assertThat(action.details()).containsEntry("banReason", "spam").containsEntry("sessionsEnded", "2");
        assertThat(action.at()).isAfterOrEqualTo(before.minusSeconds(1));
    }

    @Test
    void aBannedUserIsToldOnlyThatTheyAreBannedAndOnlyWhenTheirPasswordWasRight() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");
        ok(admin.browser().post(BAN_USER, json("userId", victim.userId(), "banReason", "chargeback fraud")));

        Reply right = server.client().post(SIGN_IN, json("email", victim.email(), "password", PASSWORD));
        Reply wrong = server.client().post(SIGN_IN, json("email", victim.email(), "password", "not the password"));

        refused(right, 403, "BANNED_USER");
        assertThat(right.json().path("message").asText()).isEqualTo(BA_MESSAGE);
        assertThat(right.body()).doesNotContain("chargeback");
        assertThat(right.setCookie(Accounts.TOKEN_COOKIE)).isEmpty();
        refused(wrong, 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", victim.userId())).isZero();
    }

    @Test
    void aFormSignInOfABannedUserGoesBackToItsPageWithTheCode() {
        server = AdminKit.server().start();
        SignedInUser victim = Accounts.signUp(server, "victim");
        AdminKit.admin(server).ban(victim.userId(), "spam");

        Reply form = server.client().postForm(SIGN_IN, Accounts.form("email", victim.email(), "password", PASSWORD,
                "callbackURL", "/app/home", "errorCallbackURL", "/login"));

        assertThat(form.status()).isEqualTo(302);
        // The address typed comes back with the code (so the page keeps it), the password never does.
        assertThat(form.header("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/login?")
                .contains("error=BANNED_USER").doesNotContain(PASSWORD));
    }

    @Test
    void theJavaApiSignInOfABannedUserIsRefusedToo() {
        server = AdminKit.server().start();
        SignedInUser victim = Accounts.signUp(server, "victim");
        Admin admin = AdminKit.admin(server);

        admin.ban(victim.userId(), "spam", Duration.ofMinutes(5));

        assertThat(admin.isBanned(admin.getUser(victim.userId()).orElseThrow())).isTrue();
        AuthException refusal = org.junit.jupiter.api.Assertions.assertThrows(AuthException.class,
                () -> Engine.of(server.auth()).signIn(new SignIn(victim.email(), PASSWORD, true),
                        Caller.app(ClientInfo.unknown())));
        assertThat(refusal.code()).isEqualTo(ErrorCode.BANNED_USER);
    }

    @Test
    void aBanWithAnEndLiftsItselfOnceTheEndHasPassed() {
        MutableClock clock = new MutableClock();
        server = AdminKit.server().clock(clock).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");

        JsonNode banned = ok(admin.browser().post(BAN_USER, json("userId", victim.userId(), "banExpiresIn", 3600)));
        assertThat(banned.path("user").path("banExpires").asText()).isEqualTo("2026-01-01T01:00:00.000Z");
        assertThat(banned.path("user").path("banReason").asText()).isEqualTo("No reason");
        refused(server.client().signIn(victim.email(), PASSWORD), 403, "BANNED_USER");

        clock.advance(Duration.ofMinutes(59));
        refused(server.client().signIn(victim.email(), PASSWORD), 403, "BANNED_USER");
        clock.advance(Duration.ofMinutes(1));
        JsonNode listed = ok(admin.browser().get(LIST_USERS + "?searchValue=" + victim.email())).path("users").get(0);
        assertThat(listed.path("banned").asBoolean()).as("a ban past its end no longer shows").isFalse();
        assertThat(listed.path("banReason").isNull()).isTrue();

        ok(server.client().signIn(victim.email(), PASSWORD));
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE id = ? AND f_banned = FALSE"
                + " AND f_banreason IS NULL AND f_banexpires IS NULL", victim.userId())).isOne();
    }

    @Test
    void unbanningLetsTheUserBackIn() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");
        ok(admin.browser().post(BAN_USER, json("userId", victim.userId(), "banReason", "spam", "banExpiresIn", 60)));

        JsonNode unbanned = ok(admin.browser().post(UNBAN_USER, userId(victim.userId()))).path("user");

        assertThat(unbanned.path("banned").asBoolean()).isFalse();
        assertThat(unbanned.path("banReason").isNull()).isTrue();
        assertThat(unbanned.path("banExpires").isNull()).isTrue();
        ok(server.client().signIn(victim.email(), PASSWORD));
    }

    @Test
    void aPermanentBanAfterATimedOneHasNoEnd() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");
        ok(admin.browser().post(BAN_USER, json("userId", victim.userId(), "banExpiresIn", 60)));

        JsonNode again = ok(admin.browser().post(BAN_USER, userId(victim.userId()))).path("user");

        assertThat(again.path("banExpires").isNull()).as("Better Auth's re-ban kept the old end (W8)").isTrue();
    }

    @ParameterizedTest(name = "banExpiresIn {0}")
    @ValueSource(strings = {"\"60\"", "0", "-5", "true", "1e12"})
    void banExpiresInMustBeAPositiveNumberOfSeconds(String value) {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");

        Reply r = admin.browser().post(BAN_USER, "{\"userId\":\"" + victim.userId() + "\",\"banExpiresIn\":" + value + "}");

        refused(r, 400, "INVALID_REQUEST_BODY");
        assertThat(r.json().path("message").asText()).contains("banExpiresIn");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE f_banned = TRUE")).isZero();
        assertThat(victim.browser().getSession().json().path("user").path("id").asText()).isEqualTo(victim.userId());
    }

    @Test
    void anUnknownUserIsNotFound() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");

        refused(admin.browser().post(BAN_USER, userId("no-such-user")), 404, "USER_NOT_FOUND");
        refused(admin.browser().post(UNBAN_USER, userId("no-such-user")), 404, "USER_NOT_FOUND");
    }

    @Test
    void theMessageAndTheDefaultReasonAreTheApps() {
        server = AdminKit.server("admin.bannedUserMessage", "Your account is closed.", "admin.defaultBanReason",
                "House rules").start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser victim = Accounts.signUp(server, "victim");

        JsonNode banned = ok(admin.browser().post(BAN_USER, userId(victim.userId())));

        assertThat(banned.path("user").path("banReason").asText()).isEqualTo("House rules");
        Reply r = server.client().signIn(victim.email(), PASSWORD);
        refused(r, 403, "BANNED_USER");
        assertThat(r.json().path("message").asText()).isEqualTo("Your account is closed.");
    }

    @Test
    void aSecondStepTakenAfterTheBanMakesNoSession() {
        server = AdminKit.server("probe.enabled", "true").start();
        SignedInUser admin = newAdmin(server, "admin");
        String email = "second@" + UUID.randomUUID() + ".example.com";
        SignedInUser victim = Accounts.signUp(server.client(), email);
        TestClient browser = server.client();
        Reply first = browser.post(SIGN_IN, json("email", email, "password", PASSWORD));
        assertThat(first.json().path("twoFactorRedirect").asBoolean()).as(first.body()).isTrue();

        ok(admin.browser().post(BAN_USER, userId(victim.userId())));
        Reply second = browser.post("/api/auth/probe/verify", json("code", "123456"));

        refused(second, 403, "BANNED_USER");
        assertThat(browser.getSession().body()).isEqualTo("null");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", victim.userId())).isZero();
    }
}
