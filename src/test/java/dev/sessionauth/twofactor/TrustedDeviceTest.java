package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SIGN_OUT;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.twofactor.TwoFactorClient.DISABLE;
import static dev.sessionauth.twofactor.TwoFactorClient.TRUST_COOKIE;
import static dev.sessionauth.twofactor.TwoFactorClient.VERIFY_TOTP;
import static dev.sessionauth.twofactor.TwoFactorClient.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.spi.MailSender;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.twofactor.TwoFactorClient.Enrolled;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Trust this device" over HTTP: a server row per device and a signed cookie bound to its user, good for its user
 * only, moved to a new value on every use, ending 30 days after the code that granted it, and forgotten when the
 * owner takes the account back (two-factor off, a new password by change or reset, sign out everywhere).
 */
class TrustedDeviceTest {
    private static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(b -> b.clock(CLOCK)
            .set("mail.sender", ResetMail.class.getName()));

    /** Signs {@code user} in from a new browser with the app's next code, trusting that browser. */
    private static TestClient trustedBrowser(Enrolled user) {
        TestClient browser = SERVER.client();
        signIn(browser, user.email());
        Reply verified = browser.post(VERIFY_TOTP, json("code", user.app().nextCode(), "trustDevice", true));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.setCookie(TRUST_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=2592000")
                .contains("HttpOnly").contains("SameSite=Lax"));
        return browser;
    }

    private static boolean skipsTheCode(TestClient browser, String email) {
        Reply in = signIn(browser, email);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        return in.json().has("token");
    }

    @Test
    void aTrustedDeviceSignsItsUserInWithoutACodeAfterSignOut() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "trusted");
        TestClient browser = trustedBrowser(user);
        browser.post(SIGN_OUT, "{}");

        Reply in = signIn(browser, user.email());

        assertThat(in.json().path("token").asText()).isNotEmpty();
        assertThat(in.json().has("twoFactorRedirect")).isFalse();
        assertThat(browser.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(user.userId());
        assertThat(SERVER.count("SELECT COUNT(*) FROM sa_trusted_device WHERE user_id = ?", user.userId()))
                .isEqualTo(1);
    }

    @Test
    void everyUseMovesTheDeviceToANewValueSoACopyWorksOnce() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "rotate");
        TestClient browser = trustedBrowser(user);
        String copied = browser.cookie(TRUST_COOKIE).orElseThrow();

        Reply first = signIn(browser, user.email());
        String moved = browser.cookie(TRUST_COOKIE).orElseThrow();
        TestClient thief = SERVER.client();
        thief.putCookie(TRUST_COOKIE, copied);
        Reply withCopy = signIn(thief, user.email());

        assertThat(first.json().has("token")).isTrue();
        assertThat(first.setCookie(TRUST_COOKIE)).hasValueSatisfying(c -> assertThat(TestClient.maxAgeOf(c))
                .isBetween(2_591_000L, 2_592_000L));
        assertThat(moved).isNotEqualTo(copied);
        assertThat(withCopy.json().path("twoFactorRedirect").asBoolean()).as(withCopy.body()).isTrue();
        assertThat(withCopy.setCookie(TRUST_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(skipsTheCode(browser, user.email())).as("the moved value still counts").isTrue();
    }

    @Test
    void aDeviceTrustedByOneUserStillAsksAnotherUserForTheCode() {
        Enrolled ann = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "ann");
        Enrolled bob = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "bob");
        TestClient shared = trustedBrowser(ann);
        String annsDevice = shared.cookie(TRUST_COOKIE).orElseThrow();

        Reply bobIn = signIn(shared, bob.email());

        assertThat(bobIn.json().path("twoFactorRedirect").asBoolean()).as(bobIn.body()).isTrue();
        assertThat(bobIn.setCookie(TRUST_COOKIE)).as("Ann's device stays Ann's").isEmpty();
        assertThat(shared.cookie(TRUST_COOKIE)).hasValue(annsDevice);
        TestClient bobsForgery = SERVER.client();
        bobsForgery.putCookie(TRUST_COOKIE, annsDevice);
        assertThat(signIn(bobsForgery, bob.email()).json().path("twoFactorRedirect").asBoolean()).isTrue();
        assertThat(skipsTheCode(shared, ann.email())).isTrue();
    }

    @Test
    void aDeviceIsTrustedForThirtyDaysFromTheCodeNotFromItsLastUse() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "expiry");
        TestClient browser = trustedBrowser(user);

        CLOCK.advance(Duration.ofDays(29));
        assertThat(skipsTheCode(browser, user.email())).isTrue();
        CLOCK.advance(Duration.ofDays(2));
        TestClient kept = SERVER.client();
        kept.putCookie(TRUST_COOKIE, browser.cookie(TRUST_COOKIE).orElseThrow());

        assertThat(skipsTheCode(kept, user.email())).isFalse();
    }

    @Test
    void aForgedDeviceCookieIsDroppedAndTheCodeAsked() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "forged-device");
        TestClient browser = trustedBrowser(user);
        String value = browser.cookie(TRUST_COOKIE).orElseThrow();
        TestClient forger = SERVER.client();
        forger.putCookie(TRUST_COOKIE, value.substring(0, value.lastIndexOf('.')) + ".AAAA");

        Reply in = signIn(forger, user.email());

        assertThat(in.json().path("twoFactorRedirect").asBoolean()).isTrue();
        assertThat(in.setCookie(TRUST_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    }

    @Test
    void turningTwoFactorOffForgetsEveryTrustedDeviceOfTheUser() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "off");
        TestClient laptop = trustedBrowser(user);
        TestClient phone = trustedBrowser(user);

        Reply off = phone.post(DISABLE, json("password", PASSWORD));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.setCookie(TRUST_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        Reply enabled = phone.post(TwoFactorClient.ENABLE, json("password", PASSWORD));
        TwoFactorClient.App app = TwoFactorClient.App.of(enabled.json().path("totpURI").asText(), CLOCK);
        assertThat(phone.post(VERIFY_TOTP, json("code", app.code())).status()).isEqualTo(200);

        assertThat(SERVER.count("SELECT COUNT(*) FROM sa_trusted_device WHERE user_id = ?", user.userId())).isZero();
        assertThat(skipsTheCode(laptop, user.email())).as("Better Auth's W4: the laptop's old trust").isFalse();
    }

    @Test
    void changingThePasswordForgetsEveryTrustedDevice() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "change");
        TestClient laptop = trustedBrowser(user);
        TestClient phone = trustedBrowser(user);

        Reply changed = phone.post("/api/auth/change-password", json("currentPassword", PASSWORD,
                "newPassword", "a brand new passphrase", "revokeOtherSessions", false));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        Reply in = laptop.post("/api/auth/sign-in/email", json("email", user.email(),
                "password", "a brand new passphrase"));
        assertThat(in.json().path("twoFactorRedirect").asBoolean()).as(in.body()).isTrue();
    }

    @Test
    void aPasswordResetForgetsEveryTrustedDevice() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "reset");
        TestClient laptop = trustedBrowser(user);
        assertThat(SERVER.client().post("/api/auth/request-password-reset", json("email", user.email(),
                "redirectTo", "/reset")).status()).isEqualTo(200);
        String link = ResetMail.next(user.email()).link();
        String token = URI.create(link).getPath().substring("/api/auth/reset-password/".length());

        Reply reset = SERVER.client().post("/api/auth/reset-password", json("newPassword", "reset passphrase 9",
                "token", token));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);

        Reply in = laptop.post("/api/auth/sign-in/email", json("email", user.email(), "password", "reset passphrase 9"));
        assertThat(in.json().path("twoFactorRedirect").asBoolean()).as(in.body()).isTrue();
        assertThat(SERVER.count("SELECT COUNT(*) FROM sa_trusted_device WHERE user_id = ?", user.userId())).isZero();
    }

    @Test
    void signingOutEverywhereForgetsEveryTrustedDeviceButSigningOutOneDoesNot() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "everywhere");
        TestClient laptop = trustedBrowser(user);
        TestClient phone = trustedBrowser(user);
        phone.post(SIGN_OUT, "{}");
        assertThat(skipsTheCode(phone, user.email())).isTrue();

        assertThat(phone.post("/api/auth/revoke-sessions", "{}").status()).isEqualTo(200);

        assertThat(skipsTheCode(laptop, user.email())).isFalse();
        assertThat(skipsTheCode(phone, user.email())).isFalse();
    }

    /** Files each mail by recipient, for the reset link (named by class in {@code mail.sender}). */
    public static final class ResetMail implements MailSender {
        private static final Map<String, BlockingQueue<Mail>> BY_RECIPIENT = new ConcurrentHashMap<>();

        public ResetMail() {
        }

        @Override
        public void send(Mail mail) {
            BY_RECIPIENT.computeIfAbsent(mail.to(), a -> new LinkedBlockingQueue<>()).add(mail);
        }

        static Mail next(String to) {
            try {
                Mail mail = BY_RECIPIENT.computeIfAbsent(to, a -> new LinkedBlockingQueue<>()).poll(30,
                        TimeUnit.SECONDS);
                assertThat(mail).as("a mail to %s", to).isNotNull();
                return mail;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
