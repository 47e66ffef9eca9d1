package dev.sessionauth.lifecycle;

import dev.sessionauth.testing.SignedInUser;
import static dev.sessionauth.testing.Accounts.CHANGE_EMAIL;
import static dev.sessionauth.testing.Accounts.NEW_PASSWORD;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.REQUEST_RESET;
import static dev.sessionauth.testing.Accounts.RESET;
import static dev.sessionauth.testing.Accounts.assertError;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.pathOf;
import static dev.sessionauth.testing.Accounts.signUp;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stolen session must not become a permanent takeover: changing the address needs proof that the owner is at the
 * keyboard (a fresh sign-in or the password) and tells the old address; when the owner takes the account back (a
 * reset, a password change that signs the others out, "sign out everywhere") the thief's pending links die; and an
 * attacker who locks the account with wrong passwords locks it for one window only, which the owner's reset ends.
 */
class TakeoverTest {
    private static final MutableClock CLOCK = new MutableClock();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.builder().clock(CLOCK).shippedThrottle().set("mail.sender", Mailbox.class.getName())
                .set("emailVerification.sendOnSignUp", "true").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A user whose address is verified, signed in in {@code browser()}. */
    private static SignedInUser verified(String hint) {
        SignedInUser account = signUp(server, hint);
        Mail mail = Mailbox.next(account.email(), Mail.Kind.VERIFY_EMAIL);
        assertThat(account.browser().get(pathOf(server, mail.link())).status()).isEqualTo(200);
        return account;
    }

    private static String resetToken(String email) {
        assertThat(server.client().post(REQUEST_RESET, json("email", email)).status()).isEqualTo(200);
        return Mailbox.next(email, Mail.Kind.RESET_PASSWORD).link()
                .replaceAll(".*/reset-password/([A-Za-z0-9_-]{43}).*", "$1");
    }

    @Test
    void aStaleSessionCannotChangeTheAddressWithoutThePassword() {
        SignedInUser ann = verified("stale");
        CLOCK.advance(Duration.ofDays(2));
        String thief = uniqueEmail("thief");

        assertError(ann.browser().post(CHANGE_EMAIL, json("newEmail", thief)), 403, "SESSION_NOT_FRESH");
        assertError(ann.browser().post(CHANGE_EMAIL, json("newEmail", thief, "password", "not it")), 400,
                "INVALID_PASSWORD");
        assertThat(Mailbox.pending(thief)).as("nothing mailed to the new address").isEmpty();

        Reply withPassword = ann.browser().post(CHANGE_EMAIL, json("newEmail", thief, "password", PASSWORD));
        assertThat(withPassword.status()).as(withPassword.body()).isEqualTo(200);
        assertThat(Mailbox.next(thief, Mail.Kind.CHANGE_EMAIL).link()).contains("/verify-email?token=");
    }

    @Test
    void theOldAddressIsToldOfAChange() {
        SignedInUser ann = verified("told");
        String moved = uniqueEmail("moved");

        assertThat(ann.browser().post(CHANGE_EMAIL, json("newEmail", moved)).status()).isEqualTo(200);

        Mail notice = Mailbox.next(ann.email(), Mail.Kind.EMAIL_CHANGED);
        assertThat(notice.user().getEmail()).isEqualTo(ann.email());
        assertThat(notice.link()).isEmpty();
        Mailbox.next(moved, Mail.Kind.CHANGE_EMAIL);
    }

    @Test
    void theOwnersResetKillsTheThiefsPendingChangeLink() {
        SignedInUser ann = verified("reset");
        TestClient thiefBrowser = ann.signInElsewhere(server, PASSWORD);
        String thief = uniqueEmail("thief");
        assertThat(thiefBrowser.post(CHANGE_EMAIL, json("newEmail", thief)).status()).isEqualTo(200);
        String pending = Mailbox.next(thief, Mail.Kind.CHANGE_EMAIL).link();
        Mailbox.next(ann.email(), Mail.Kind.EMAIL_CHANGED);

        Reply reset = server.client().post(RESET, json("token", resetToken(ann.email()), "newPassword", NEW_PASSWORD));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);

        assertError(server.client().get(pathOf(server, pending)), 401, "INVALID_TOKEN");
        assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status()).isEqualTo(200);
        assertError(server.client().signIn(thief, NEW_PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void signingOutEverywhereKillsPendingLinks() {
        SignedInUser ann = verified("everywhere");
        String thief = uniqueEmail("thief");
        assertThat(ann.browser().post(CHANGE_EMAIL, json("newEmail", thief)).status()).isEqualTo(200);
        String pending = Mailbox.next(thief, Mail.Kind.CHANGE_EMAIL).link();
        Mailbox.next(ann.email(), Mail.Kind.EMAIL_CHANGED);
        String resetLink = server.url("/api/auth/reset-password/" + resetToken(ann.email()));

        assertThat(ann.browser().post("/api/auth/revoke-sessions", "{}").status()).isEqualTo(200);

        assertError(server.client().get(pathOf(server, pending)), 401, "INVALID_TOKEN");
        assertError(server.client().get(pathOf(server, resetLink)), 401, "INVALID_TOKEN");
    }

    @Test
    void aLockLastsOneWindowFromTheFirstFailureAndTheOwnersResetEndsIt() {
        SignedInUser ann = verified("locked");
        for (int i = 0; i < 5; i++) {
            assertError(server.client().signIn(ann.email(), "wrong password " + i), 401, "INVALID_EMAIL_OR_PASSWORD");
            CLOCK.advance(Duration.ofMinutes(2));
        }
        Reply locked = server.client().signIn(ann.email(), PASSWORD);
        assertError(locked, 429, "TOO_MANY_REQUESTS");
        // Counted from the first failure ten minutes ago: five minutes left, whatever happened since.
        assertThat(locked.header("Retry-After")).hasValue(Long.toString(Duration.ofMinutes(5).toSeconds()));
        assertError(server.client().signIn(ann.email(), "another guess"), 429, "TOO_MANY_REQUESTS");
        assertThat(server.client().signIn(ann.email(), PASSWORD).header("Retry-After"))
                .as("guessing on a locked account does not slide its window").hasValue("300");

        // The owner can always reset while locked, and the reset (the mailbox proved) ends the lock.
        Reply reset = server.client().post(RESET, json("token", resetToken(ann.email()), "newPassword", NEW_PASSWORD));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }
}
