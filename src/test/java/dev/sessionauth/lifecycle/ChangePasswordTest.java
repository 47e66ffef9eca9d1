package dev.sessionauth.lifecycle;

import dev.sessionauth.testing.SignedInUser;
import static dev.sessionauth.testing.Accounts.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /change-password} over HTTP, as Better Auth's client calls it and as an HTML form posts it. */
class ChangePasswordTest {
    private static final BlockingQueue<String> CHANGED = new LinkedBlockingQueue<>();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.builder().listener(new SessionListener() {
            @Override
            public void passwordChanged(User user) {
                CHANGED.add(user.getEmail());
            }
        }).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply change(TestClient browser, String current, String next, Boolean revokeOthers) {
        return browser.post(CHANGE_PASSWORD, revokeOthers == null
                ? json("currentPassword", current, "newPassword", next)
                : json("currentPassword", current, "newPassword", next, "revokeOtherSessions", revokeOthers));
    }

    @Test
    void theNewPasswordWorksTheOldOneNotAndOtherSessionsStayByDefault() throws Exception {
        SignedInUser ann = signUp(server, "change");
        TestClient laptop = ann.signInElsewhere(server, PASSWORD);

        Reply r = change(ann.browser(), PASSWORD, NEW_PASSWORD, null);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("token").isNull()).as("no new session without revokeOtherSessions").isTrue();
        assertThat(body.path("user").path("id").asText()).isEqualTo(ann.userId());
        assertThat(body.path("user").path("email").asText()).isEqualTo(ann.email());
        assertThat(r.body()).doesNotContain("$2");
        assertThat(signedIn(ann.browser())).isTrue();
        assertThat(signedIn(laptop)).isTrue();
        assertError(server.client().signIn(ann.email(), PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status()).isEqualTo(200);
        String heard;
        do {
            heard = CHANGED.poll(30, TimeUnit.SECONDS);
            assertThat(heard).as("passwordChanged for " + ann.email()).isNotNull();
        } while (!heard.equals(ann.email()));
    }

    @Test
    void revokingOtherSessionsEndsThemAllAndGivesThisDeviceANewSession() {
        SignedInUser ann = signUp(server, "revoke");
        TestClient laptop = ann.signInElsewhere(server, PASSWORD);
        String oldCookie = ann.browser().cookie("sessionauth.session_token").orElseThrow();

        Reply r = change(ann.browser(), PASSWORD, NEW_PASSWORD, true);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String token = r.json().path("token").asText();
        assertThat(token).hasSize(43);
        assertThat(r.setCookie("sessionauth.session_token")).as("a new cookie for this device").isPresent();
        assertThat(ann.browser().cookie("sessionauth.session_token").orElseThrow()).isNotEqualTo(oldCookie);
        assertThat(signedIn(ann.browser())).isTrue();
        assertThat(signedIn(laptop)).as("the other device is signed out").isFalse();
        TestClient thief = server.client();
        thief.putCookie("sessionauth.session_token", oldCookie);
        assertThat(signedIn(thief)).as("this device's old token died too").isFalse();
        assertThat(ann.browser().get("/api/auth/list-sessions").json().size()).isOne();
        // The token in the answer is the new session's bearer token.
        assertThat(server.client().get("/api/auth/get-session", "Authorization", "Bearer " + token).json()
                .path("user").path("id").asText()).isEqualTo(ann.userId());
    }

    @Test
    void aWrongCurrentPasswordIsInvalidPasswordAndChangesNothing() {
        SignedInUser ann = signUp(server, "wrong");

        assertError(change(ann.browser(), "not my password", NEW_PASSWORD, true), 400, "INVALID_PASSWORD");

        assertThat(signedIn(ann.browser())).isTrue();
        assertThat(server.client().signIn(ann.email(), PASSWORD).status()).isEqualTo(200);
        assertError(server.client().signIn(ann.email(), NEW_PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void theNewPasswordObeysThePasswordRules() {
        SignedInUser ann = signUp(server, "rules");

        assertError(change(ann.browser(), PASSWORD, "short", null), 400, "PASSWORD_TOO_SHORT");
        assertError(change(ann.browser(), PASSWORD, "x".repeat(129), null), 400, "PASSWORD_TOO_LONG");
        assertError(change(ann.browser(), PASSWORD, "iloveyou", null), 400, "PASSWORD_TOO_WEAK");
        assertError(ann.browser().post(CHANGE_PASSWORD, json("newPassword", NEW_PASSWORD)), 400,
                "INVALID_REQUEST_BODY");
        assertError(ann.browser().post(CHANGE_PASSWORD, json("currentPassword", PASSWORD, "newPassword",
                NEW_PASSWORD, "revokeOtherSessions", "yes")), 400, "INVALID_REQUEST_BODY");
        assertThat(server.client().signIn(ann.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void withoutASessionItIsUnauthorized() {
        assertError(change(server.client(), PASSWORD, NEW_PASSWORD, null), 401, "UNAUTHORIZED");
    }

    @Test
    void anotherOriginIsRefusedBeforeAnythingChanges() {
        SignedInUser ann = signUp(server, "csrf");

        assertError(ann.browser().post(CHANGE_PASSWORD, json("currentPassword", PASSWORD, "newPassword",
                NEW_PASSWORD), "Origin", "https://evil.example"), 403, "INVALID_ORIGIN");
        assertError(server.client().withoutOrigin().header("Cookie", "sessionauth.session_token="
                        + ann.browser().cookie("sessionauth.session_token").orElseThrow())
                .post(CHANGE_PASSWORD, json("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)), 403,
                "MISSING_OR_NULL_ORIGIN");
        assertThat(server.client().signIn(ann.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anHtmlFormNeedsTheSessionsCsrfTokenAndGoesOnToItsCallback() {
        SignedInUser ann = signUp(server, "form");

        Reply noToken = ann.browser().postForm(CHANGE_PASSWORD, form("currentPassword", PASSWORD,
                "newPassword", NEW_PASSWORD, "errorCallbackURL", "/settings"));
        assertThat(noToken.status()).isEqualTo(302);
        assertThat(location(noToken)).contains("/settings?error=INVALID_CSRF_TOKEN");

        Reply wrong = ann.browser().postForm(CHANGE_PASSWORD, form("currentPassword", "not it",
                "newPassword", NEW_PASSWORD, "_csrf", csrfToken(ann.browser()), "errorCallbackURL", "/settings"));
        assertThat(location(wrong)).contains("/settings?error=INVALID_PASSWORD");

        Reply ok = ann.browser().postForm(CHANGE_PASSWORD, form("currentPassword", PASSWORD,
                "newPassword", NEW_PASSWORD, "revokeOtherSessions", "on", "_csrf", csrfToken(ann.browser()),
                "callbackURL", "/settings?changed=1"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(302);
        assertThat(location(ok)).contains("/settings?changed=1");
        assertThat(signedIn(ann.browser())).isTrue();
        assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }
}
