package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.twofactor.TwoFactorClient.DISABLE;
import static dev.sessionauth.twofactor.TwoFactorClient.ENABLE;
import static dev.sessionauth.twofactor.TwoFactorClient.GENERATE_BACKUP_CODES;
import static dev.sessionauth.twofactor.TwoFactorClient.GET_TOTP_URI;
import static dev.sessionauth.twofactor.TwoFactorClient.VERIFY_BACKUP_CODE;
import static dev.sessionauth.twofactor.TwoFactorClient.VERIFY_TOTP;
import static dev.sessionauth.twofactor.TwoFactorClient.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.twofactor.TwoFactorClient.App;
import dev.sessionauth.twofactor.TwoFactorClient.Enrolled;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The other {@code /two-factor/*} endpoints over HTTP, with Better Auth's shapes, statuses and codes: the URI again,
 * new backup codes, turning it off, what needs a session or a password, what the database keeps (a key only
 * encrypted, codes only hashed), and the {@code twoFactorEnabled} field no client may set.
 */
class TwoFactorEndpointsTest {
    private static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(b -> b.clock(CLOCK));

    @Test
    void everyEndpointThatChangesTwoFactorNeedsASession() {
        TestClient nobody = SERVER.client();
        for (String path : List.of(ENABLE, GET_TOTP_URI, DISABLE, GENERATE_BACKUP_CODES)) {
            Reply r = nobody.post(path, json("password", PASSWORD));
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.code()).as(path).isEqualTo("UNAUTHORIZED");
        }
        Reply verify = nobody.post(VERIFY_TOTP, json("code", "123456"));
        assertThat(verify.status()).isEqualTo(401);
        assertThat(verify.code()).isEqualTo("INVALID_TWO_FACTOR_COOKIE");
    }

    @Test
    void aWrongOrMissingPasswordIsRefusedWith400InvalidPassword() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "password");

        Reply wrong = user.browser().post(ENABLE, json("password", "not the password"));
        Reply missing = user.browser().post(ENABLE, "{}");

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("INVALID_PASSWORD");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("INVALID_PASSWORD");
        assertThat(SERVER.count("SELECT COUNT(*) FROM sa_two_factor WHERE user_id = ?", user.userId())).isZero();
    }

    @Test
    void enablingAgainBeforeTheFirstCodeReplacesTheKeyAndAfterItIsRefused() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "again");
        App first = App.of(user.browser().post(ENABLE, json("password", PASSWORD)).json().path("totpURI").asText(),
                CLOCK);
        App second = App.of(user.browser().post(ENABLE, json("password", PASSWORD)).json().path("totpURI").asText(),
                CLOCK);
        assertThat(second.secret()).isNotEqualTo(first.secret());

        String stale = first.code();
        Reply withStale = user.browser().post(VERIFY_TOTP, json("code", stale));
        Reply confirmed = user.browser().post(VERIFY_TOTP, json("code", second.code()));
        Reply thirdTime = user.browser().post(ENABLE, json("password", PASSWORD));

        if (!stale.equals(second.code())) {
            assertThat(withStale.code()).isEqualTo("INVALID_CODE");
        }
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(thirdTime.status()).isEqualTo(400);
        assertThat(thirdTime.code()).isEqualTo("TOTP_ALREADY_ENABLED");
    }

    @Test
    void theIssuerComesFromTheBodyOrTheAppsHost() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "issuer");

        String byHost = user.browser().post(ENABLE, json("password", PASSWORD)).json().path("totpURI").asText();
        String named = user.browser().post(ENABLE, json("password", PASSWORD, "issuer", "Acme Shop"))
                .json().path("totpURI").asText();
        Reply withColon = user.browser().post(ENABLE, json("password", PASSWORD, "issuer", "Acme: Shop"));
        Reply again = user.browser().post(GET_TOTP_URI, json("password", PASSWORD));

        assertThat(byHost).startsWith("otpauth://totp/127.0.0.1:");
        assertThat(named).startsWith("otpauth://totp/Acme%20Shop:").contains("&issuer=Acme+Shop&");
        assertThat(withColon.code()).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(again.json().path("totpURI").asText()).as("get-totp-uri keeps the enrolment's issuer")
                .isEqualTo(named);
    }

    @Test
    void otpByMailIsNotOffered() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "otp");

        Reply enable = user.browser().post(ENABLE, json("password", PASSWORD, "method", "otp"));
        Reply send = user.browser().post("/api/auth/two-factor/send-otp", "{}");

        assertThat(enable.status()).isEqualTo(400);
        assertThat(enable.code()).isEqualTo("OTP_NOT_CONFIGURED");
        assertThat(send.code()).isEqualTo("OTP_NOT_CONFIGURED");
    }

    @Test
    void getTotpUriNeedsAnEnrolmentAndThePassword() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "uri");
        Reply none = user.browser().post(GET_TOTP_URI, json("password", PASSWORD));
        String uri = user.browser().post(ENABLE, json("password", PASSWORD)).json().path("totpURI").asText();

        Reply wrong = user.browser().post(GET_TOTP_URI, json("password", "nope nope nope"));
        Reply right = user.browser().post(GET_TOTP_URI, json("password", PASSWORD));

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.code()).isEqualTo("TOTP_NOT_ENABLED");
        assertThat(wrong.code()).isEqualTo("INVALID_PASSWORD");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("{\"totpURI\":\"" + uri + "\"}");
    }

    @Test
    void newBackupCodesReplaceTheOldOnes() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "codes");

        Reply generated = user.browser().post(GENERATE_BACKUP_CODES, json("password", PASSWORD));

        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        assertThat(generated.json().path("status").asBoolean()).isTrue();
        List<String> fresh = new ArrayList<>();
        generated.json().path("backupCodes").forEach(c -> fresh.add(c.asText()));
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(user.backupCodes());
        TestClient browser = SERVER.client();
        signIn(browser, user.email());
        assertThat(browser.post(VERIFY_BACKUP_CODE, json("code", user.backupCodes().get(0))).code())
                .isEqualTo("INVALID_BACKUP_CODE");
        assertThat(browser.post(VERIFY_BACKUP_CODE, json("code", fresh.get(0))).status()).isEqualTo(200);
    }

    @Test
    void newBackupCodesNeedTwoFactorOn() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "codes-off");
        user.browser().post(ENABLE, json("password", PASSWORD));

        Reply early = user.browser().post(GENERATE_BACKUP_CODES, json("password", PASSWORD));

        assertThat(early.status()).isEqualTo(400);
        assertThat(early.code()).isEqualTo("TWO_FACTOR_NOT_ENABLED");
    }

    @Test
    void turningItOffNeedsThePasswordAndThenSignInTakesThePasswordAlone() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "off");
        String before = user.browser().cookie(TOKEN_COOKIE).orElseThrow();

        Reply wrong = user.browser().post(DISABLE, json("password", "wrong wrong wrong"));
        Reply off = user.browser().post(DISABLE, json("password", PASSWORD));

        assertThat(wrong.code()).isEqualTo("INVALID_PASSWORD");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.body()).isEqualTo("{\"status\":true}");
        assertThat(user.browser().cookie(TOKEN_COOKIE).orElseThrow()).as("a new session").isNotEqualTo(before);
        assertThat(user.browser().get(GET_SESSION).json().path("user").path("twoFactorEnabled").asBoolean()).isFalse();
        assertThat(SERVER.count("SELECT COUNT(*) FROM sa_two_factor WHERE user_id = ?", user.userId())).isZero();
        assertThat(signIn(SERVER.client(), user.email()).json().path("token").asText()).isNotEmpty();
    }

    @Test
    void aSignedInUserCanCheckACodeAgainAndMeetsTheSameLock() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "again-signed-in");
        String token = user.browser().get(GET_SESSION).json().path("session").path("id").asText();

        Reply checked = user.browser().post(VERIFY_TOTP, json("code", user.app().code()));

        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.setCookie(TOKEN_COOKIE)).as("the session stays").isEmpty();
        assertThat(user.browser().get(GET_SESSION).json().path("session").path("id").asText()).isEqualTo(token);
        for (int i = 0; i < 10; i++) {
            assertThat(user.browser().post(VERIFY_TOTP, json("code", "99999a")).code()).isEqualTo("INVALID_CODE");
        }
        assertThat(user.browser().post(VERIFY_TOTP, json("code", user.app().nextCode())).code())
                .isEqualTo("ACCOUNT_TEMPORARILY_LOCKED");
    }

    @Test
    void theDatabaseKeepsTheKeyOnlyEncryptedAndTheBackupCodesOnlyHashed() throws Exception {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "at-rest");
        String secret;
        String codes;
        try (Connection c = SERVER.database();
             PreparedStatement ps = c.prepareStatement("SELECT secret, backup_codes FROM sa_two_factor WHERE user_id = ?")) {
            ps.setString(1, user.userId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                secret = rs.getString(1);
                codes = rs.getString(2);
            }
        }

        assertThat(secret).doesNotContain(user.app().secret().base32())
                .doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(user.app().secret().bytes()));
        assertThat(secret).isNotEqualTo(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(user.app().secret().bytes()));
        for (String code : user.backupCodes()) {
            assertThat(codes).doesNotContain(code).doesNotContain(code.replace("-", ""));
        }
        try (Connection c = SERVER.database();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sa_two_factor_pending WHERE id_hash = ?")) {
            TestClient browser = SERVER.client();
            signIn(browser, user.email());
            String cookie = browser.cookie(TwoFactorClient.PENDING_COOKIE).orElseThrow();
            ps.setString(1, cookie.substring("2fa1!".length(), cookie.lastIndexOf('.')));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the pending sign-in's id is stored only as its hash").isZero();
            }
        }
    }

    @Test
    void theTwoFactorEnabledFieldIsShownAndNoClientMaySetIt() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "field");
        assertThat(user.browser().get(GET_SESSION).json().path("user").path("twoFactorEnabled").isBoolean()).isTrue();

        Reply set = user.browser().post("/api/auth/update-user", json("twoFactorEnabled", true));
        Reply signUp = SERVER.client().post(Accounts.SIGN_UP, Accounts.signUpBody(Accounts.uniqueEmail("f2"),
                "twoFactorEnabled", true));

        assertThat(set.status()).isEqualTo(400);
        assertThat(signUp.status()).isEqualTo(400);
        assertThat(user.browser().get(GET_SESSION).json().path("user").path("twoFactorEnabled").asBoolean()).isFalse();
    }
}
