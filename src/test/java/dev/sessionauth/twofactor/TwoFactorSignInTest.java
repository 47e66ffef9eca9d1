package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.form;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.twofactor.TwoFactorClient.ENABLE;
import static dev.sessionauth.twofactor.TwoFactorClient.PENDING_COOKIE;
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
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two-factor sign-in over HTTP, as Better Auth's client and a plain HTML form drive it: enrolment turns two-factor on
 * only with the app's first code, a password sign-in then stops at the second step without a session, and the
 * second step holds only for a right code, once, within its time and its tries.
 */
class TwoFactorSignInTest {
    private static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(b -> b.clock(CLOCK)
            .set("twoFactor.page", "/two-factor").set("twoFactor.issuer", "Demo App"));

    @Test
    void enablingGivesTheAppsUriAndTenBackupCodesButTwoFactorStaysOffUntilTheFirstCode() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "enrol");

        Reply enabled = user.browser().post(ENABLE, json("password", PASSWORD));

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().path("method").asText()).isEqualTo("totp");
        String uri = enabled.json().path("totpURI").asText();
        assertThat(uri).startsWith("otpauth://totp/Demo%20App:" + user.email().replace("@", "%40") + "?secret=")
                .endsWith("&issuer=Demo+App&digits=6&period=30");
        assertThat(App.of(uri, CLOCK).secret().bytes()).hasSize(20);
        assertThat(enabled.json().path("backupCodes")).hasSize(10);
        assertThat(enabled.json().path("backupCodes").get(0).asText()).matches("[a-z0-9]{5}-[a-z0-9]{5}");
        assertThat(user.browser().get(GET_SESSION).json().path("user").path("twoFactorEnabled").asBoolean()).isFalse();
        Reply in = signIn(SERVER.get().client(), user.email());
        assertThat(in.json().path("token").asText()).as("not on until confirmed").isNotEmpty();
    }

    @Test
    void theAppsFirstCodeTurnsTwoFactorOnAndReplacesTheSession() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "confirm");
        App app = App.of(user.browser().post(ENABLE, json("password", PASSWORD)).json().path("totpURI").asText(),
                CLOCK);
        String before = user.browser().cookie(TOKEN_COOKIE).orElseThrow();

        Reply confirmed = user.browser().post(VERIFY_TOTP, json("code", app.code()));

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("user").path("twoFactorEnabled").asBoolean()).isTrue();
        assertThat(confirmed.json().path("token").asText()).isNotEqualTo(user.token());
        assertThat(user.browser().cookie(TOKEN_COOKIE).orElseThrow()).isNotEqualTo(before);
        assertThat(user.browser().get(GET_SESSION).json().path("user").path("twoFactorEnabled").asBoolean()).isTrue();
        TestClient old = SERVER.get().client();
        old.putCookie(TOKEN_COOKIE, before);
        assertThat(old.get(GET_SESSION).body()).as("the session that set it up is replaced").isEqualTo("null");
    }

    @Test
    void aPasswordSignInOfATwoFactorUserStopsAtTheSecondStepWithNoSession() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "stop");
        TestClient browser = SERVER.get().client();
        Accounts.signUp(browser, Accounts.uniqueEmail("earlier"));
        long sessions = SERVER.get().count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", user.userId());

        Reply in = signIn(browser, user.email());

        assertThat(in.status()).isEqualTo(200);
        assertThat(in.body()).isEqualTo("{\"twoFactorRedirect\":true,\"twoFactorMethods\":[\"totp\"]}");
        assertThat(in.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(in.setCookie(PENDING_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=600")
                .contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(browser.cookie(TOKEN_COOKIE)).as("the session presented ended too").isEmpty();
        assertThat(browser.get(GET_SESSION).body()).isEqualTo("null");
        assertThat(SERVER.get().count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", user.userId()))
                .isEqualTo(sessions);
    }

    @Test
    void theAppsCodeSignsInOnceAndEndsThePendingSignIn() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "verify");
        TestClient browser = SERVER.get().client();
        signIn(browser, user.email());
        String pending = browser.cookie(PENDING_COOKIE).orElseThrow();

        Reply verified = browser.post(VERIFY_TOTP, json("code", user.app().code()));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("token").asText()).isNotEmpty();
        assertThat(verified.json().path("user").path("id").asText()).isEqualTo(user.userId());
        assertThat(verified.json().path("user").path("twoFactorEnabled").asBoolean()).isTrue();
        assertThat(verified.setCookie(PENDING_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(browser.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(user.userId());
        TestClient replay = SERVER.get().client();
        replay.putCookie(PENDING_COOKIE, pending);
        Reply again = replay.post(VERIFY_TOTP, json("code", user.app().nextCode()));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.code()).isEqualTo("INVALID_TWO_FACTOR_COOKIE");
    }

    @Test
    void aWrongCodeIsRefusedAndTheRightOneStillWorks() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "wrong");
        TestClient browser = SERVER.get().client();
        signIn(browser, user.email());
        String right = user.app().code();
        String wrong = right.equals("000000") ? "111111" : "000000";

        Reply refused = browser.post(VERIFY_TOTP, json("code", wrong));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("code").asText()).isEqualTo("INVALID_CODE");
        assertThat(refused.json().path("message").asText()).isEqualTo("Invalid code");
        assertThat(browser.get(GET_SESSION).body()).isEqualTo("null");
        assertThat(browser.post(VERIFY_TOTP, json("code", "12345")).code()).as("too short").isEqualTo("INVALID_CODE");
        assertThat(browser.post(VERIFY_TOTP, json("code", right)).status()).isEqualTo(200);
    }

    @Test
    void aCodeIsAcceptedOnceEvenWithinItsWindow() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "replay");
        TestClient first = SERVER.get().client();
        signIn(first, user.email());
        String code = user.app().code();
        assertThat(first.post(VERIFY_TOTP, json("code", code)).status()).isEqualTo(200);

        TestClient second = SERVER.get().client();
        signIn(second, user.email());
        CLOCK.advance(Duration.ofSeconds(20));
        Reply replayed = second.post(VERIFY_TOTP, json("code", code));

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.code()).isEqualTo("INVALID_CODE");
        assertThat(second.post(VERIFY_TOTP, json("code", user.app().nextCode())).status()).isEqualTo(200);
    }

    @Test
    void theSixthTryOfOnePendingSignInIsRefusedEvenWithTheRightCodeAndEndsIt() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "sixth");
        TestClient browser = SERVER.get().client();
        signIn(browser, user.email());
        String right = user.app().code();
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(browser.post(VERIFY_TOTP, json("code", wrong)).code()).isEqualTo("INVALID_CODE");
        }

        Reply sixth = browser.post(VERIFY_TOTP, json("code", right));

        assertThat(sixth.status()).isEqualTo(400);
        assertThat(sixth.code()).isEqualTo("TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
        assertThat(sixth.setCookie(PENDING_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(browser.get(GET_SESSION).body()).isEqualTo("null");
        Reply after = browser.post(VERIFY_TOTP, json("code", right));
        assertThat(after.code()).isEqualTo("INVALID_TWO_FACTOR_COOKIE");
        signIn(browser, user.email());
        assertThat(browser.post(VERIFY_TOTP, json("code", right)).status()).as("a new sign-in starts afresh")
                .isEqualTo(200);
    }

    @Test
    void tenWrongCodesInARowAcrossSignInsLockTheAccountFor15MinutesBackupCodesIncluded() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "lock");
        TestClient browser = SERVER.get().client();
        for (int signIn = 0; signIn < 2; signIn++) {
            signIn(browser, user.email());
            for (int i = 0; i < 5; i++) {
                Reply wrong = i % 2 == 0 ? browser.post(VERIFY_TOTP, json("code", "abcdef"))
                        : browser.post(VERIFY_BACKUP_CODE, json("code", "aaaaa-aaaaa"));
                assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
            }
        }
        signIn(browser, user.email());

        Reply locked = browser.post(VERIFY_TOTP, json("code", user.app().code()));
        Reply lockedBackup = browser.post(VERIFY_BACKUP_CODE, json("code", user.backupCodes().get(0)));

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("ACCOUNT_TEMPORARILY_LOCKED");
        assertThat(Long.parseLong(locked.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(lockedBackup.code()).isEqualTo("ACCOUNT_TEMPORARILY_LOCKED");
        CLOCK.advance(Duration.ofMinutes(9));
        signIn(browser, user.email());
        CLOCK.advance(Duration.ofMinutes(6));
        Reply unlocked = browser.post(VERIFY_TOTP, json("code", user.app().code()));
        assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
    }

    @Test
    void aLockedAccountSpendsNoTryOfThePendingSignIn() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "locked-tries");
        TestClient attacker = SERVER.get().client();
        for (int signIn = 0; signIn < 2; signIn++) {
            signIn(attacker, user.email());
            for (int i = 0; i < 5; i++) {
                attacker.post(VERIFY_TOTP, json("code", "abcdef"));
            }
        }
        TestClient owner = SERVER.get().client();
        signIn(owner, user.email());
        for (int i = 0; i < 7; i++) {
            assertThat(owner.post(VERIFY_TOTP, json("code", user.app().code())).code())
                    .isEqualTo("ACCOUNT_TEMPORARILY_LOCKED");
        }

        CLOCK.advance(Duration.ofMinutes(9));
        signIn(owner, user.email());
        CLOCK.advance(Duration.ofMinutes(7));

        assertThat(owner.post(VERIFY_TOTP, json("code", user.app().code())).status()).isEqualTo(200);
    }

    @Test
    void aPendingSignInEndsAfterTenMinutes() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "expire");
        TestClient browser = SERVER.get().client();
        signIn(browser, user.email());
        String pending = browser.cookie(PENDING_COOKIE).orElseThrow();

        CLOCK.advance(Duration.ofMinutes(10));
        TestClient sameBrowser = SERVER.get().client();
        // The browser would have dropped the cookie by now; one that kept it finds the sign-in gone all the same.
        sameBrowser.putCookie(PENDING_COOKIE, pending);
        Reply late = sameBrowser.post(VERIFY_TOTP, json("code", user.app().code()));

        assertThat(late.status()).isEqualTo(401);
        assertThat(late.code()).isEqualTo("INVALID_TWO_FACTOR_COOKIE");
        assertThat(late.setCookie(PENDING_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    }

    @Test
    void aForgedPendingCookieIsRefused() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "forged");
        TestClient browser = SERVER.get().client();
        signIn(browser, user.email());
        String pending = browser.cookie(PENDING_COOKIE).orElseThrow();
        TestClient forger = SERVER.get().client();
        String signature = pending.substring(pending.lastIndexOf('.'));
        forger.putCookie(PENDING_COOKIE, "2fa1!" + "A".repeat(43) + signature);

        Reply forged = forger.post(VERIFY_TOTP, json("code", user.app().code()));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("INVALID_TWO_FACTOR_COOKIE");
        assertThat(browser.post(VERIFY_TOTP, json("code", user.app().code())).status()).isEqualTo(200);
    }

    @Test
    void aPendingSignInBelongsToTheBrowserThatStartedIt() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "browser");
        TestClient started = SERVER.get().client();
        signIn(started, user.email());
        Enrolled other = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "other");
        TestClient elsewhere = SERVER.get().client();
        signIn(elsewhere, other.email());

        Reply noCookie = SERVER.get().client().post(VERIFY_TOTP, json("code", user.app().code()));
        Reply othersCode = elsewhere.post(VERIFY_TOTP, json("code", user.app().code()));

        assertThat(noCookie.status()).isEqualTo(401);
        assertThat(noCookie.code()).isEqualTo("INVALID_TWO_FACTOR_COOKIE");
        assertThat(othersCode.code()).as("checked against the other user's key").isEqualTo("INVALID_CODE");
        assertThat(elsewhere.get(GET_SESSION).body()).isEqualTo("null");
        assertThat(started.post(VERIFY_TOTP, json("code", user.app().code())).status()).isEqualTo(200);
    }

    @Test
    void aBackupCodeSignsInOnceAndIsUsedUp() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "backup");
        TestClient browser = SERVER.get().client();
        signIn(browser, user.email());
        String code = user.backupCodes().get(3);

        Reply verified = browser.post(VERIFY_BACKUP_CODE, json("code", code.toUpperCase()));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("user").path("id").asText()).isEqualTo(user.userId());
        TestClient again = SERVER.get().client();
        signIn(again, user.email());
        Reply reused = again.post(VERIFY_BACKUP_CODE, json("code", code));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("INVALID_BACKUP_CODE");
        assertThat(again.post(VERIFY_BACKUP_CODE, json("code", user.backupCodes().get(4))).status()).isEqualTo(200);
    }

    @Test
    void disableSessionIsRefusedRatherThanSpendingACodeWithoutASignIn() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "disable-session");
        TestClient browser = SERVER.get().client();
        signIn(browser, user.email());

        Reply refused = browser.post(VERIFY_BACKUP_CODE, json("code", user.backupCodes().get(0), "disableSession", true));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(browser.post(VERIFY_BACKUP_CODE, json("code", user.backupCodes().get(0))).status()).isEqualTo(200);
    }

    @Test
    void aFormSignInGoesOnToTheSecondStepPageAndAFormCodeToTheCallback() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "form");
        TestClient browser = SERVER.get().client();

        Reply in = browser.postForm(SIGN_IN, form("email", user.email(), "password", PASSWORD,
                "callbackURL", "/dashboard"));

        assertThat(in.status()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("/two-factor?callbackURL=%2Fdashboard");
        Reply wrong = browser.postForm(VERIFY_TOTP, form("code", "000000", "callbackURL", "/dashboard",
                "errorCallbackURL", "/two-factor"));
        assertThat(wrong.status()).isEqualTo(302);
        assertThat(wrong.header("Location")).hasValue("/two-factor?error=INVALID_CODE");
        Reply verified = browser.postForm(VERIFY_TOTP, form("code", user.app().code(), "trustDevice", "on",
                "callbackURL", "/dashboard", "errorCallbackURL", "/two-factor"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(302);
        assertThat(verified.header("Location")).hasValue("/dashboard");
        assertThat(browser.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(user.userId());
        assertThat(browser.cookie(TwoFactorClient.TRUST_COOKIE)).isPresent();
    }

    @Test
    void aSignInWithoutRememberMeStaysABrowserSessionAfterTheCode() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "no-remember");
        TestClient browser = SERVER.get().client();
        browser.post(SIGN_IN, json("email", user.email(), "password", PASSWORD, "rememberMe", false));

        Reply verified = browser.post(VERIFY_TOTP, json("code", user.app().code()));

        assertThat(verified.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age"));
        assertThat(verified.setCookie("sessionauth.dont_remember")).isPresent();
    }

}
