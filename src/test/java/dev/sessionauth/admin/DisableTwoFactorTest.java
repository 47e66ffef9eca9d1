package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.IMPERSONATE_USER;
import static dev.sessionauth.admin.AdminKit.newAdmin;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.refused;
import static dev.sessionauth.admin.AdminKit.userId;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AdminAction;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import dev.sessionauth.twofactor.Totp;
import dev.sessionauth.twofactor.TotpSecret;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/disable-two-factor}: support staff turn off the second factor of a user who lost both the phone
 * and the backup codes, under the same who-may rules as every other admin call, audited; the user then signs in with
 * the password alone and may enrol again. Over HTTP against a real server, with the codes an authenticator app would
 * show on the server's clock.
 */
class DisableTwoFactorTest {
    private static final String DISABLE_TWO_FACTOR = AdminKit.BASE + "disable-two-factor";
    private static final String ENABLE = "/api/auth/two-factor/enable";
    private static final String VERIFY_TOTP = "/api/auth/two-factor/verify-totp";

    private final MutableClock clock = new MutableClock();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A user with two-factor on: their browser and the key of their authenticator app. */
    private record Enrolled(SignedInUser user, TotpSecret key) {
        String userId() {
            return user.userId();
        }
    }

    private Enrolled enrolled(SignedInUser user) {
        Reply enabled = user.browser().post(ENABLE, json("password", PASSWORD));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        TotpSecret key = keyOf(enabled.json().path("totpURI").asText());
        ok(user.browser().post(VERIFY_TOTP, json("code", code(key))));
        // The code just used stays used: the next one comes with the next step.
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        return new Enrolled(user, key);
    }

    private static TotpSecret keyOf(String totpUri) {
        for (String pair : URI.create(totpUri).getRawQuery().split("&")) {
            if (pair.startsWith("secret=")) {
                return TotpSecret.fromBase32(pair.substring("secret=".length()));
            }
        }
        throw new AssertionError("no secret in " + totpUri);
    }

    /** The code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30 s, 6 digits), computed apart from the server. */
    private String code(TotpSecret key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA1"));
            long step = clock.instant().getEpochSecond() / Totp.PERIOD_SECONDS;
            byte[] h = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int at = h[h.length - 1] & 0x0f;
            int bits = ((h[at] & 0x7f) << 24) | ((h[at + 1] & 0xff) << 16) | ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
            return String.format("%06d", bits % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply passwordSignIn(TestClient browser, String email) {
        return browser.post(Accounts.SIGN_IN, json("email", email, "password", PASSWORD));
    }

    private boolean asksForACode(String email) {
        Reply r = passwordSignIn(server.client(), email);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("twoFactorRedirect").asBoolean();
    }

    private long rowsOf(String table, String userId) {
        return server.count("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?", userId);
    }

    @Test
    void anAdminTurnsALostSecondFactorOffSoTheUserSignsInWithThePasswordAloneAndEnrolsAgain() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().clock(clock).listener(audit).start();
        SignedInUser admin = newAdmin(server, "support");
        Enrolled user = enrolled(Accounts.signUp(server, "lost-phone"));
        // A device the user trusted, and a sign-in left waiting for a code.
        TestClient laptop = server.client();
        assertThat(passwordSignIn(laptop, user.user().email()).json().path("twoFactorRedirect").asBoolean()).isTrue();
        ok(laptop.post(VERIFY_TOTP, json("code", code(user.key()), "trustDevice", true)));
        assertThat(asksForACode(user.user().email())).isTrue();
        assertThat(rowsOf("sa_trusted_device", user.userId())).isEqualTo(1);
        assertThat(rowsOf("sa_two_factor_pending", user.userId())).isEqualTo(1);

        Reply reset = admin.browser().post(DISABLE_TWO_FACTOR, userId(user.userId()));

        assertThat(ok(reset).path("status").asBoolean()).isTrue();
        assertThat(rowsOf("sa_two_factor", user.userId())).isZero();
        assertThat(rowsOf("sa_trusted_device", user.userId())).isZero();
        assertThat(rowsOf("sa_two_factor_pending", user.userId())).isZero();
        AdminAction heard = audit.next(AdminAction.Kind.DISABLE_TWO_FACTOR);
        assertThat(heard.actorId()).contains(admin.userId());
        assertThat(heard.actorSession()).contains(
                admin.browser().getSession().json().path("session").path("id").asText());
        assertThat(heard.targetUserId()).isEqualTo(user.userId());
        assertThat(heard.at()).isEqualTo(clock.instant());

        TestClient newPhone = server.client();
        Reply in = passwordSignIn(newPhone, user.user().email());
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().has("twoFactorRedirect")).as(in.body()).isFalse();
        assertThat(in.json().path("user").path("twoFactorEnabled").asBoolean()).isFalse();
        assertThat(Accounts.signedIn(newPhone)).isTrue();
        Enrolled again = enrolled(new SignedInUser(newPhone, user.user().email(), PASSWORD,
                in.json().path("token").asText(), user.userId()));
        assertThat(again.key()).isNotEqualTo(user.key());
        assertThat(asksForACode(user.user().email())).isTrue();
    }

    @Test
    void aUserWithoutTwoFactorIs400AndAnUnknownUser404() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().clock(clock).listener(audit).start();
        SignedInUser admin = newAdmin(server, "support");
        SignedInUser plain = Accounts.signUp(server, "plain");
        // Enrolment begun but never confirmed with a first code: two-factor is not on.
        ok(plain.browser().post(ENABLE, json("password", PASSWORD)));

        refused(admin.browser().post(DISABLE_TWO_FACTOR, userId(plain.userId())), 400, "TWO_FACTOR_NOT_ENABLED");
        refused(admin.browser().post(DISABLE_TWO_FACTOR, userId("no-such-user")), 404, "USER_NOT_FOUND");
        refused(admin.browser().post(DISABLE_TWO_FACTOR, "{}"), 400, "INVALID_REQUEST_BODY");

        Enrolled user = enrolled(Accounts.signUp(server, "enrolled"));
        ok(admin.browser().post(DISABLE_TWO_FACTOR, userId(user.userId())));
        assertThat(audit.next(AdminAction.Kind.DISABLE_TWO_FACTOR).targetUserId())
                .as("the refusals were not audited").isEqualTo(user.userId());
    }

    @Test
    void aUserWhoIsNotAnAdminAnImpersonationAStaleSignInAndAForeignOriginChangeNothing() {
        server = AdminKit.server("session.freshAge", "1h").clock(clock).start();
        SignedInUser admin = newAdmin(server, "support");
        SignedInUser bystander = Accounts.signUp(server, "bystander");
        Enrolled user = enrolled(Accounts.signUp(server, "victim"));
        SignedInUser mallory = Accounts.signUp(server, "mallory");

        refused(mallory.browser().post(DISABLE_TWO_FACTOR, userId(user.userId())), 403,
                "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS");
        refused(admin.browser().post(DISABLE_TWO_FACTOR, userId(user.userId()), "Origin", "https://evil.example"),
                403, "INVALID_ORIGIN");
        TestClient viewing = Accounts.signIn(server, admin.email()).browser();
        ok(viewing.post(IMPERSONATE_USER, userId(bystander.userId())));
        refused(viewing.post(DISABLE_TWO_FACTOR, userId(user.userId())), 403, "NOT_ALLOWED_WHILE_IMPERSONATING");
        clock.advance(Duration.ofMinutes(61));
        refused(admin.browser().post(DISABLE_TWO_FACTOR, userId(user.userId())), 403, "SESSION_NOT_FRESH");

        assertThat(rowsOf("sa_two_factor", user.userId())).isEqualTo(1);
        assertThat(asksForACode(user.user().email())).isTrue();
        TestClient again = Accounts.signIn(server, admin.email()).browser();
        ok(again.post(DISABLE_TWO_FACTOR, userId(user.userId())));
        assertThat(asksForACode(user.user().email())).isFalse();
    }

    @Test
    void anotherAdminsSecondFactorIsOnlyATargetWithAllowAdminTargets() {
        server = AdminKit.server().clock(clock).start();
        SignedInUser admin = newAdmin(server, "support");
        Enrolled colleague = enrolled(newAdmin(server, "colleague"));

        refused(admin.browser().post(DISABLE_TWO_FACTOR, userId(colleague.userId())), 403, "YOU_CANNOT_CHANGE_ADMINS");
        assertThat(asksForACode(colleague.user().email())).isTrue();
        server.close();

        server = AdminKit.server("admin.allowAdminTargets", "true").clock(clock).start();
        SignedInUser first = newAdmin(server, "first");
        Enrolled second = enrolled(newAdmin(server, "second"));
        ok(first.browser().post(DISABLE_TWO_FACTOR, userId(second.userId())));
        assertThat(asksForACode(second.user().email())).isFalse();
    }

    @Test
    void theOperatorsJavaCallTurnsItOffAuditedWithoutAnActor() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().clock(clock).listener(audit).start();
        Enrolled user = enrolled(Accounts.signUp(server, "lost-phone"));
        Admin admin = AdminKit.admin(server);

        admin.disableTwoFactor(user.userId());

        assertThat(asksForACode(user.user().email())).isFalse();
        AdminAction heard = audit.next(AdminAction.Kind.DISABLE_TWO_FACTOR);
        assertThat(heard.actorId()).isEmpty();
        assertThat(heard.actorSession()).isEmpty();
        assertThat(heard.targetUserId()).isEqualTo(user.userId());
        assertThat(heard.details()).isEqualTo(Map.of());
        assertThatThrownBy(() -> admin.disableTwoFactor(user.userId()))
                .hasFieldOrPropertyWithValue("code", dev.sessionauth.ErrorCode.TWO_FACTOR_NOT_ENABLED);
    }

    @Test
    void withTwoFactorSwitchedOffThereIsNoSuchEndpointAndTheJavaCallSaysWhy() {
        server = AdminKit.server("twoFactor.enabled", "false").start();
        SignedInUser admin = newAdmin(server, "support");
        SignedInUser user = Accounts.signUp(server, "user");

        refused(admin.browser().post(DISABLE_TWO_FACTOR, userId(user.userId())), 404, "NOT_FOUND");
        assertThatThrownBy(() -> AdminKit.admin(server).disableTwoFactor(user.userId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twoFactor.enabled");
    }
}
