package dev.sessionauth.lifecycle;

import dev.sessionauth.testing.SignedInUser;
import static dev.sessionauth.testing.Accounts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing out from a plain HTML form: the session's CSRF token, then on to {@code callbackURL}; JSON unchanged. */
class FormSignOutTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFormWithTheSessionsTokenSignsOutAndGoesOnToItsCallback() {
        SignedInUser ann = signUp(server, "form");

        Reply r = ann.browser().postForm(SIGN_OUT, form("_csrf", csrfToken(ann.browser()), "callbackURL", "/bye"));

        assertThat(location(r)).isEqualTo("/bye");
        assertThat(r.setCookie("sessionauth.session_token")).hasValueSatisfying(
                c -> assertThat(c).contains("Max-Age=0"));
        assertThat(rows(server, "sa_session", "user_id", ann.userId())).isZero();
    }

    @Test
    void aFormWithoutTheTokenOrWithAnotherSessionsTokenIsRefused() {
        SignedInUser ann = signUp(server, "notoken");
        SignedInUser bob = signUp(server, "othertoken");

        assertError(ann.browser().postForm(SIGN_OUT, form("callbackURL", "/bye")), 403, "INVALID_CSRF_TOKEN");
        assertError(ann.browser().postForm(SIGN_OUT, form("_csrf", csrfToken(bob.browser()), "callbackURL", "/bye")),
                403, "INVALID_CSRF_TOKEN");

        assertThat(signedIn(ann.browser())).isTrue();
    }

    @Test
    void anotherOriginOrAnUntrustedCallbackIsRefused() {
        SignedInUser ann = signUp(server, "origin");
        String token = csrfToken(ann.browser());

        assertError(ann.browser().postForm(SIGN_OUT, form("_csrf", token), "Origin", "https://evil.example"), 403,
                "INVALID_ORIGIN");
        assertError(ann.browser().postForm(SIGN_OUT, form("_csrf", token, "callbackURL", "https://evil.example/")),
                403, "INVALID_ORIGIN");
        assertThat(signedIn(ann.browser())).isTrue();
    }

    @Test
    void aSignedOutBrowsersFormStillGoesOn() {
        Reply r = server.client().postForm(SIGN_OUT, form("callbackURL", "/bye"));
        assertThat(location(r)).isEqualTo("/bye");
    }

    @Test
    void theJsonAnswerIsUnchanged() {
        SignedInUser ann = signUp(server, "json");

        Reply r = ann.browser().post(SIGN_OUT, "{}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"success\":true}");
        assertThat(signedIn(ann.browser())).isFalse();
        assertError(server.client().post(SIGN_OUT, json("callbackURL", "/bye")), 400, "INVALID_REQUEST_BODY");
    }
}
