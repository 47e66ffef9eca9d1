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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /delete-user} and the mailed {@code GET /delete-user/callback} over HTTP: the password or a fresh
 * sign-in, the user's rows all gone, the app told first ({@code userDeleted}) and able to stop it by failing.
 */
class DeleteUserTest {

    /** Remembers, per user, whether the user's row was still there when userDeleted was heard; fails for "doomed". */
    private static final class AppRows implements SessionListener {
        final Map<String, Boolean> rowPresent = new ConcurrentHashMap<>();
        TestServer server;

        @Override
        public void userDeleted(User user) {
            if (user.getName().equals("Doomed")) {
                throw new IllegalStateException("the app could not delete its rows");
            }
            rowPresent.put(user.getId(), rows(server, "sa_user", "id", user.getId()) == 1);
        }
    }

    private static void assertEverythingOfTheUserIsGone(TestServer server, SignedInUser account) {
        for (String table : new String[] {"sa_session", "sa_account"}) {
            assertThat(rows(server, table, "user_id", account.userId())).as(table).isZero();
        }
        assertThat(rows(server, "sa_user", "id", account.userId())).isZero();
        assertThat(server.count("SELECT COUNT(*) FROM sa_verification WHERE identifier LIKE ?", "%:" + account.userId()))
                .isZero();
    }

    @Test
    void withThePasswordTheUserAndEverythingOfTheirsGoesAfterTheAppWasTold() {
        AppRows app = new AppRows();
        try (TestServer server = TestServer.builder().set("mail.sender", Mailbox.class.getName()).listener(app)
                .start()) {
            app.server = server;
            SignedInUser ann = signUp(server, "delete");
            TestClient laptop = ann.signInElsewhere(server, PASSWORD);
            server.client().post(REQUEST_RESET, json("email", ann.email()));
            Mailbox.next(ann.email(), Mail.Kind.RESET_PASSWORD);

            Reply r = ann.browser().post(DELETE_USER, json("password", PASSWORD));

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("success").asBoolean()).isTrue();
            assertThat(r.json().path("message").asText()).isEqualTo("User deleted");
            assertThat(r.setCookie("sessionauth.session_token")).hasValueSatisfying(
                    c -> assertThat(c).contains("Max-Age=0"));
            assertThat(signedIn(laptop)).isFalse();
            assertEverythingOfTheUserIsGone(server, ann);
            assertThat(app.rowPresent).containsEntry(ann.userId(), true);
            assertError(server.client().signIn(ann.email(), PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
            assertThat(server.client().signUp("Ada again", ann.email(), PASSWORD).status())
                    .as("the address is free again").isEqualTo(200);
        }
    }

    @Test
    void aWrongPasswordDeletesNothing() {
        try (TestServer server = TestServer.start()) {
            SignedInUser ann = signUp(server, "wrong");

            assertError(ann.browser().post(DELETE_USER, json("password", "not mine")), 400, "INVALID_PASSWORD");

            assertThat(signedIn(ann.browser())).isTrue();
            assertThat(rows(server, "sa_user", "id", ann.userId())).isOne();
        }
    }

    @Test
    void withoutThePasswordTheSignInMustBeFresh() {
        MutableClock clock = new MutableClock();
        try (TestServer server = TestServer.builder().clock(clock).start()) {
            SignedInUser stale = signUp(server, "stale");
            clock.advance(Duration.ofHours(25));
            SignedInUser fresh = signUp(server, "fresh");

            assertError(stale.browser().post(DELETE_USER, "{}"), 403, "SESSION_NOT_FRESH");
            assertThat(rows(server, "sa_user", "id", stale.userId())).isOne();
            Reply r = fresh.browser().post(DELETE_USER, "{}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(rows(server, "sa_user", "id", fresh.userId())).isZero();
            assertThat(stale.browser().post(DELETE_USER, json("password", PASSWORD)).status()).isEqualTo(200);
        }
    }

    @Test
    void withConfirmationTheMailedLinkDeletesInTheUsersOwnBrowserOnly() {
        try (TestServer server = TestServer.builder().set("mail.sender", Mailbox.class.getName())
                .set("deleteUser.sendConfirmation", "true").start()) {
            SignedInUser ann = signUp(server, "confirm");
            SignedInUser bob = signUp(server, "other");

            Reply r = ann.browser().post(DELETE_USER, json("password", PASSWORD, "callbackURL", "/goodbye"));

            assertThat(r.json().path("message").asText()).isEqualTo("Verification email sent");
            assertThat(rows(server, "sa_user", "id", ann.userId())).isOne();
            Mail mail = Mailbox.next(ann.email(), Mail.Kind.DELETE_ACCOUNT);
            assertThat(mail.link()).startsWith(server.origin() + "/api/auth/delete-user/callback?token=")
                    .endsWith("&callbackURL=%2Fgoodbye");
            String link = pathOf(server, mail.link());
            assertError(server.client().get(link.replace("&callbackURL=%2Fgoodbye", "")), 401, "UNAUTHORIZED");

            Reply opened = ann.browser().get(link);
            assertThat(location(opened)).isEqualTo("/goodbye");
            assertEverythingOfTheUserIsGone(server, ann);
            assertThat(signedIn(bob.browser())).isTrue();
        }
    }

    @Test
    void aConfirmationLinkOfAnotherUserIsRefusedAndUsedUp() {
        try (TestServer server = TestServer.builder().set("mail.sender", Mailbox.class.getName())
                .set("deleteUser.sendConfirmation", "true").start()) {
            SignedInUser ann = signUp(server, "victim");
            SignedInUser bob = signUp(server, "attacker");
            ann.browser().post(DELETE_USER, "{}");
            String link = pathOf(server, Mailbox.next(ann.email(), Mail.Kind.DELETE_ACCOUNT).link());

            assertThat(location(bob.browser().get(link))).isEqualTo("/?error=INVALID_TOKEN");
            String token = link.replaceAll(".*token=([A-Za-z0-9_-]{43}).*", "$1");
            assertError(bob.browser().post(DELETE_USER, json("token", token)), 401, "INVALID_TOKEN");
            assertError(ann.browser().post(DELETE_USER, json("token", token)), 401, "INVALID_TOKEN");

            assertThat(rows(server, "sa_user", "id", ann.userId())).isOne();
            assertThat(rows(server, "sa_user", "id", bob.userId())).isOne();
        }
    }

    @Test
    void aListenerThatFailsStopsTheDeletion() {
        AppRows app = new AppRows();
        try (TestServer server = TestServer.builder().listener(app).start()) {
            app.server = server;
            TestClient browser = server.client();
            String email = uniqueEmail("doomed");
            assertThat(browser.signUp("Doomed", email, PASSWORD).status()).isEqualTo(200);

            assertError(browser.post(DELETE_USER, json("password", PASSWORD)), 500, "INTERNAL_ERROR");

            assertThat(signedIn(browser)).isTrue();
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void anotherOriginOrAFormWithoutTheTokenIsRefused() {
        try (TestServer server = TestServer.start()) {
            SignedInUser ann = signUp(server, "csrf");

            assertError(ann.browser().post(DELETE_USER, json("password", PASSWORD), "Origin", "https://evil.example"),
                    403, "INVALID_ORIGIN");
            assertError(ann.browser().postForm(DELETE_USER, form("password", PASSWORD)), 403, "INVALID_CSRF_TOKEN");
            assertError(server.client().post(DELETE_USER, json("password", PASSWORD)), 401, "UNAUTHORIZED");
            assertThat(rows(server, "sa_user", "id", ann.userId())).isOne();

            Reply ok = ann.browser().postForm(DELETE_USER, form("password", PASSWORD, "_csrf",
                    csrfToken(ann.browser()), "callbackURL", "/goodbye"));
            assertThat(location(ok)).isEqualTo("/goodbye");
            assertThat(rows(server, "sa_user", "id", ann.userId())).isZero();
        }
    }
}
