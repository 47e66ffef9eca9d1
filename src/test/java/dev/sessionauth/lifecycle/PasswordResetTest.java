package dev.sessionauth.lifecycle;

import dev.sessionauth.testing.SignedInUser;
import static dev.sessionauth.testing.Accounts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password" over HTTP: {@code request-password-reset}, the mailed {@code GET /reset-password/:token} link
 * and {@code POST /reset-password}; tokens hashed, single-use, newest only, expiring; every session ends.
 */
class PasswordResetTest {
    private static final Pattern LINK = Pattern.compile("/api/auth/reset-password/([A-Za-z0-9_-]{43})(\\?.*)?");
    private static final BlockingQueue<String> RESETS_HEARD = new LinkedBlockingQueue<>();
    private static final MutableClock CLOCK = new MutableClock();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.builder().clock(CLOCK).set("mail.sender", Mailbox.class.getName())
                .listener(new SessionListener() {
                    @Override
                    public void passwordReset(User user) {
                        RESETS_HEARD.add(user.getEmail());
                    }
                }).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply request(String email, String redirectTo) {
        return server.client().post(REQUEST_RESET, redirectTo == null ? json("email", email)
                : json("email", email, "redirectTo", redirectTo));
    }

    /** Requests a reset for {@code email} and returns the token of the link mailed for it. */
    private static String mailedToken(String email) {
        assertThat(request(email, "/reset").status()).isEqualTo(200);
        Mail mail = Mailbox.next(email, Mail.Kind.RESET_PASSWORD);
        Matcher m = LINK.matcher(pathOf(server, mail.link()));
        assertThat(m.matches()).as(mail.link()).isTrue();
        return m.group(1);
    }

    private static Reply reset(String token, String newPassword) {
        return server.client().post(RESET, json("newPassword", newPassword, "token", token));
    }

    @Test
    void theWholeFlowSetsTheNewPasswordAndEndsEverySession() throws Exception {
        SignedInUser ann = signUp(server, "reset");
        TestClient laptop = ann.signInElsewhere(server, PASSWORD);

        Reply requested = request(ann.email(), "/reset");
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.json().path("status").asBoolean()).isTrue();
        Mail mail = Mailbox.next(ann.email(), Mail.Kind.RESET_PASSWORD);
        assertThat(mail.to()).isEqualTo(ann.email());
        assertThat(mail.link()).startsWith(server.origin() + "/api/auth/reset-password/")
                .endsWith("?callbackURL=%2Freset");
        Matcher m = LINK.matcher(pathOf(server, mail.link()));
        assertThat(m.matches()).isTrue();
        String token = m.group(1);
        // Stored as a hash only, under the user's identifier.
        assertThat(rows(server, "sa_verification", "value_hash", token)).isZero();
        assertThat(rows(server, "sa_verification", "identifier", "password-reset:" + ann.userId())).isOne();

        Reply opened = server.client().get(pathOf(server, mail.link()));
        assertThat(opened.status()).isEqualTo(302);
        assertThat(location(opened)).contains("/reset?token=" + token);

        Reply done = reset(token, NEW_PASSWORD);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("status").asBoolean()).isTrue();
        assertThat(signedIn(ann.browser())).as("every session ends").isFalse();
        assertThat(signedIn(laptop)).isFalse();
        assertError(server.client().signIn(ann.email(), PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status()).isEqualTo(200);
        String heard;
        do {
            heard = RESETS_HEARD.poll(30, TimeUnit.SECONDS);
            assertThat(heard).as("passwordReset for " + ann.email()).isNotNull();
        } while (!heard.equals(ann.email()));
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNothingIsStoredOrSent() {
        SignedInUser ann = signUp(server, "known");
        String unknown = uniqueEmail("unknown");

        Reply known = request(ann.email(), "/reset");
        Reply nobody = request(unknown, "/reset");

        assertThat(nobody.status()).isEqualTo(known.status()).isEqualTo(200);
        assertThat(nobody.body()).isEqualTo(known.body());
        Mailbox.next(ann.email(), Mail.Kind.RESET_PASSWORD);
        assertThat(server.count("SELECT COUNT(*) FROM sa_verification WHERE identifier LIKE 'password-reset:%'"
                + " AND identifier NOT IN (SELECT 'password-reset:' || id FROM sa_user)")).isZero();
        assertThat(Mailbox.pending(unknown)).isEmpty();
        assertError(request("not an address", "/reset"), 400, "INVALID_EMAIL");
    }

    @Test
    void aTokenWorksOnce() {
        SignedInUser ann = signUp(server, "once");
        String token = mailedToken(ann.email());

        assertThat(reset(token, NEW_PASSWORD).status()).isEqualTo(200);

        assertError(reset(token, "another good password"), 401, "INVALID_TOKEN");
        Reply reopened = server.client().get(RESET + "/" + token + "?callbackURL=%2Freset");
        assertThat(reopened.status()).isEqualTo(302);
        assertThat(location(reopened)).contains("/reset?error=INVALID_TOKEN").doesNotContain(token);
        assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void onlyTheNewestLinkWorks() {
        SignedInUser ann = signUp(server, "newest");
        String first = mailedToken(ann.email());
        String second = mailedToken(ann.email());

        assertError(reset(first, NEW_PASSWORD), 401, "INVALID_TOKEN");
        assertThat(reset(second, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aLinkExpiresAfterAnHour() {
        SignedInUser ann = signUp(server, "expiry");
        String token = mailedToken(ann.email());

        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(location(server.client().get(RESET + "/" + token + "?callbackURL=%2Freset")))
                .contains("/reset?error=INVALID_TOKEN");
        assertError(reset(token, NEW_PASSWORD), 401, "INVALID_TOKEN");
        assertThat(server.client().signIn(ann.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void foreignAndMadeUpTokensAreRefused() {
        SignedInUser ann = signUp(server, "foreign");
        // A verification link's secret is a token of the same shape, for another purpose.
        assertThat(server.client().post("/api/auth/send-verification-email", json("email", ann.email())).status())
                .isEqualTo(200);
        String link = Mailbox.next(ann.email(), Mail.Kind.VERIFY_EMAIL).link();
        String verificationToken = link.replaceAll(".*token=([A-Za-z0-9_-]{43}).*", "$1");

        assertError(reset(verificationToken, NEW_PASSWORD), 401, "INVALID_TOKEN");
        assertError(reset("A".repeat(43), NEW_PASSWORD), 401, "INVALID_TOKEN");
        assertError(reset("../../etc", NEW_PASSWORD), 401, "INVALID_TOKEN");
        assertError(server.client().post(RESET, json("newPassword", NEW_PASSWORD)), 401, "INVALID_TOKEN");
        assertThat(location(server.client().get(RESET + "/" + verificationToken + "?callbackURL=%2Freset")))
                .contains("error=INVALID_TOKEN");
        assertThat(server.client().signIn(ann.email(), PASSWORD).status()).isEqualTo(200);
        // The verification link was not used up by any of it.
        assertThat(server.client().get(pathOf(server, link)).status()).isEqualTo(200);
    }

    @Test
    void aBadNewPasswordIsRefusedWithoutUsingTheTokenUp() {
        SignedInUser ann = signUp(server, "badnew");
        String token = mailedToken(ann.email());

        assertError(reset(token, "short"), 400, "PASSWORD_TOO_SHORT");
        assertError(reset(token, "iloveyou"), 400, "PASSWORD_TOO_WEAK");

        assertThat(reset(token, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void redirectTargetsMustBeThisAppOrTrusted() {
        SignedInUser ann = signUp(server, "redirect");

        assertError(request(ann.email(), "https://evil.example/steal"), 403, "INVALID_ORIGIN");
        String token = mailedToken(ann.email());
        assertError(server.client().get(RESET + "/" + token + "?callbackURL=https%3A%2F%2Fevil.example%2F"), 403,
                "INVALID_ORIGIN");
        // Without a callbackURL the link answers JSON.
        Reply plain = server.client().get(RESET + "/" + token);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().path("token").asText()).isEqualTo(token);
        assertError(server.client().get(RESET + "/" + "B".repeat(43)), 401, "INVALID_TOKEN");
    }

    @Test
    void anHtmlFormResetsAndGoesOnToItsCallback() {
        SignedInUser ann = signUp(server, "formreset");
        String token = mailedToken(ann.email());

        Reply failed = server.client().postForm(RESET, form("token", token, "newPassword", "short",
                "errorCallbackURL", "/reset?token=" + token));
        assertThat(location(failed)).contains("/reset?token=" + token + "&error=PASSWORD_TOO_SHORT");
        Reply ok = server.client().postForm(RESET, form("token", token, "newPassword", NEW_PASSWORD,
                "callbackURL", "/login?reset=1"));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(location(ok)).contains("/login?reset=1");
        assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void sessionsCanBeKeptBySetting() {
        try (TestServer keep = TestServer.builder().set("mail.sender", Mailbox.class.getName())
                .set("passwordReset.revokeSessions", "false").start()) {
            SignedInUser ann = signUp(keep, "keep");
            keep.client().post(REQUEST_RESET, json("email", ann.email()));
            Matcher m = LINK.matcher(pathOf(keep, Mailbox.next(ann.email(), Mail.Kind.RESET_PASSWORD).link()));
            assertThat(m.matches()).isTrue();

            assertThat(keep.client().post(RESET, json("newPassword", NEW_PASSWORD, "token", m.group(1))).status())
                    .isEqualTo(200);
            assertThat(signedIn(ann.browser())).isTrue();
        }
    }
}
