package dev.sessionauth.lifecycle;

import dev.sessionauth.testing.SignedInUser;
import static dev.sessionauth.testing.Accounts.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /change-email} over HTTP: an unverified user changes at once, a verified one through a link mailed to
 * the new address, and a taken address gets the same answer with nothing changed or sent.
 */
class ChangeEmailTest {
    private static final BlockingQueue<String> HEARD = new LinkedBlockingQueue<>();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.builder().set("mail.sender", Mailbox.class.getName())
                .set("emailVerification.sendOnSignUp", "true")
                .listener(new SessionListener() {
                    @Override
                    public void emailChanged(User user, String previousEmail) {
                        HEARD.add(previousEmail + " -> " + user.getEmail());
                    }
                }).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply change(SignedInUser account, String newEmail) {
        return account.browser().post(CHANGE_EMAIL, json("newEmail", newEmail, "callbackURL", "/welcome"));
    }

    private static JsonNode user(SignedInUser account) {
        return account.browser().getSession().json().path("user");
    }

    /** A signed-up user whose address is verified (the sign-up's verification link opened). */
    private static SignedInUser verified(String hint) {
        SignedInUser account = signUp(server, hint);
        Mail mail = Mailbox.next(account.email(), Mail.Kind.VERIFY_EMAIL);
        assertThat(account.browser().get(pathOf(server, mail.link())).status()).isEqualTo(200);
        assertThat(user(account).path("emailVerified").asBoolean()).isTrue();
        return account;
    }

    private static void assertHeard(String expected) throws InterruptedException {
        String heard;
        do {
            heard = HEARD.poll(30, TimeUnit.SECONDS);
            assertThat(heard).as("emailChanged " + expected).isNotNull();
        } while (!heard.equals(expected));
    }

    private static void assertStatusTrue(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":true}");
    }

    @Test
    void anUnverifiedUserChangesAtOnceAndTheNewAddressGetsAVerificationLink() throws Exception {
        SignedInUser ann = signUp(server, "unverified");
        String oldLink = Mailbox.next(ann.email(), Mail.Kind.VERIFY_EMAIL).link();
        String newEmail = uniqueEmail("moved");

        assertStatusTrue(change(ann, newEmail));

        assertThat(user(ann).path("email").asText()).isEqualTo(newEmail);
        assertThat(user(ann).path("emailVerified").asBoolean()).isFalse();
        Mail mail = Mailbox.next(newEmail, Mail.Kind.VERIFY_EMAIL);
        assertThat(mail.link()).contains("callbackURL=%2Fwelcome");
        assertThat(ann.browser().get(pathOf(server, oldLink)).status())
                .as("the old address's link must not verify the new one").isEqualTo(401);
        assertThat(ann.browser().get(pathOf(server, mail.link().replace("&callbackURL=%2Fwelcome", ""))).status())
                .isEqualTo(200);
        assertThat(user(ann).path("emailVerified").asBoolean()).isTrue();
        assertThat(server.client().signIn(newEmail, PASSWORD).status()).isEqualTo(200);
        assertError(server.client().signIn(ann.email(), PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
        assertHeard(ann.email() + " -> " + newEmail);
    }

    @Test
    void aVerifiedUserConfirmsByALinkMailedToTheNewAddress() throws Exception {
        SignedInUser ann = verified("verified");
        String newEmail = uniqueEmail("confirmed");

        assertStatusTrue(change(ann, newEmail));

        assertThat(user(ann).path("email").asText()).as("not before the link is opened").isEqualTo(ann.email());
        Mail mail = Mailbox.next(newEmail, Mail.Kind.CHANGE_EMAIL);
        assertThat(mail.to()).isEqualTo(newEmail);
        assertThat(mail.user().getEmail()).isEqualTo(ann.email());
        assertThat(mail.link()).startsWith(server.origin() + "/api/auth/verify-email?token=");

        Reply opened = ann.browser().get(pathOf(server, mail.link()));
        assertThat(location(opened)).isEqualTo("/welcome");
        assertThat(user(ann).path("email").asText()).isEqualTo(newEmail);
        assertThat(user(ann).path("emailVerified").asBoolean()).isTrue();
        assertThat(server.client().get(pathOf(server, mail.link())).header("Location")).hasValueSatisfying(
                l -> assertThat(l).contains("error=INVALID_TOKEN"));
        assertHeard(ann.email() + " -> " + newEmail);
    }

    @Test
    void aConfirmationLinkEditedToNameAnotherAddressIsRefused() {
        SignedInUser ann = verified("edited");
        String newEmail = uniqueEmail("intended");
        assertStatusTrue(change(ann, newEmail));
        String link = Mailbox.next(newEmail, Mail.Kind.CHANGE_EMAIL).link();
        String token = link.replaceAll(".*token=([^&]*).*", "$1");
        String other = uniqueEmail("hijack");
        String edited = token.substring(0, token.indexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(other.getBytes(StandardCharsets.UTF_8));

        assertError(ann.browser().get("/api/auth/verify-email?token=" + edited), 401, "INVALID_TOKEN");
        assertError(ann.browser().get("/api/auth/verify-email?token=" + token.substring(0, token.indexOf('.') + 1)
                + "!!!"), 401, "INVALID_TOKEN");
        assertThat(user(ann).path("email").asText()).isEqualTo(ann.email());
        assertThat(ann.browser().get("/api/auth/verify-email?token=" + token).status()).isEqualTo(200);
        assertThat(user(ann).path("email").asText()).isEqualTo(newEmail);
    }

    @Test
    void aTakenAddressGetsTheSameAnswerAndNothingChangesOrIsSent() {
        SignedInUser ann = verified("taken-a");
        SignedInUser bob = signUp(server, "taken-b");
        Mailbox.next(bob.email(), Mail.Kind.VERIFY_EMAIL);

        assertStatusTrue(change(ann, bob.email().toUpperCase(java.util.Locale.ROOT)));
        SignedInUser unverified = signUp(server, "taken-c");
        assertStatusTrue(change(unverified, bob.email()));

        assertThat(user(ann).path("email").asText()).isEqualTo(ann.email());
        assertThat(user(unverified).path("email").asText()).isEqualTo(unverified.email());
        assertThat(Mailbox.pending(bob.email())).isEmpty();
        assertThat(rows(server, "sa_verification", "identifier", "change-email:" + ann.userId())).isZero();
    }

    @Test
    void theCurrentAddressAndBadInputAreRefused() {
        SignedInUser ann = signUp(server, "same");

        assertError(change(ann, ann.email()), 400, "INVALID_REQUEST_BODY");
        assertError(change(ann, "not an address"), 400, "INVALID_EMAIL");
        assertError(ann.browser().post(CHANGE_EMAIL, json("newEmail", uniqueEmail("x"), "callbackURL",
                "https://evil.example/")), 403, "INVALID_ORIGIN");
        assertError(server.client().post(CHANGE_EMAIL, json("newEmail", uniqueEmail("x"))), 401, "UNAUTHORIZED");
    }

    @Test
    void anotherOriginIsRefused() {
        SignedInUser ann = signUp(server, "csrf");
        String newEmail = uniqueEmail("csrf-new");

        assertError(ann.browser().post(CHANGE_EMAIL, json("newEmail", newEmail), "Origin", "https://evil.example"),
                403, "INVALID_ORIGIN");
        assertThat(user(ann).path("email").asText()).isEqualTo(ann.email());
    }

    @Test
    void anHtmlFormNeedsTheCsrfToken() {
        SignedInUser ann = signUp(server, "form");
        String newEmail = uniqueEmail("form-new");

        assertError(ann.browser().postForm(CHANGE_EMAIL, form("newEmail", newEmail)), 403, "INVALID_CSRF_TOKEN");
        Reply ok = ann.browser().postForm(CHANGE_EMAIL, form("newEmail", newEmail, "_csrf", csrfToken(ann.browser()),
                "callbackURL", "/settings?email=changed"));
        assertThat(location(ok)).isEqualTo("/settings?email=changed");
        assertThat(user(ann).path("email").asText()).isEqualTo(newEmail);
    }
}
