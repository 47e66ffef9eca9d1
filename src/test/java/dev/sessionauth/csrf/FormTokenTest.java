package dev.sessionauth.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Form posts to the app's own pages must carry the session's CSRF token once somebody is signed in. */
class FormTokenTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start("protected", "/app/**");

    private static TestClient signedIn(String email) {
        TestClient browser = server.client();
        assertThat(browser.signUp("Form Poster", email, "velvet-otter-42").status()).isEqualTo(200);
        return browser;
    }

    private static String tokenOf(TestClient browser) {
        String token = browser.get("/app/page").json().path("csrfToken").asText();
        assertThat(token).isNotEmpty();
        return token;
    }

    @Test
    void aSignedInFormPostWithoutTheTokenIsRefused() {
        TestClient browser = signedIn("form-none@example.com");
        TestClient.Reply reply = browser.postForm("/app/notes", "body=hello");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("INVALID_CSRF_TOKEN");
    }

    @Test
    void aSignedInFormPostWithAWrongTokenIsRefused() {
        TestClient browser = signedIn("form-wrong@example.com");
        String token = tokenOf(browser);
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThat(browser.postForm("/app/notes", "body=hello&_csrf=" + wrong).code()).isEqualTo("INVALID_CSRF_TOKEN");
    }

    @Test
    void theTokenFromTheSessionLetsTheFormThrough() {
        TestClient browser = signedIn("form-ok@example.com");
        String token = tokenOf(browser);
        TestClient.Reply reply = browser.postForm("/app/notes",
                "body=hello&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("method").asText()).isEqualTo("POST");
    }

    @Test
    void theTokenInTheHeaderWorksForScripts() {
        TestClient browser = signedIn("form-header@example.com");
        String token = tokenOf(browser);
        assertThat(browser.postForm("/app/notes", "body=hello", "X-CSRF-Token", token).status()).isEqualTo(200);
    }

    @Test
    void anotherSessionsTokenDoesNotWork() {
        TestClient mallory = signedIn("form-mallory@example.com");
        TestClient victim = signedIn("form-victim@example.com");
        String malloryToken = tokenOf(mallory);
        assertThat(victim.postForm("/app/notes", "_csrf=" + URLEncoder.encode(malloryToken, StandardCharsets.UTF_8))
                .code()).isEqualTo("INVALID_CSRF_TOKEN");
    }

    @Test
    void signedOutFormPostsNeedNoToken() {
        TestClient anonymous = server.client();
        assertThat(anonymous.postForm("/open/contact", "message=hi").status()).isEqualTo(200);
    }

    @Test
    void jsonPostsRelyOnTheOriginCheckAlone() {
        TestClient browser = signedIn("form-json@example.com");
        assertThat(browser.post("/app/notes", "{\"body\":\"hello\"}").status()).isEqualTo(200);
    }

    @Test
    void theCheckCanBeTurnedOff() {
        try (TestServer relaxed = TestServer.start("protected", "/app/**", "security.csrfProtection", "false")) {
            TestClient browser = relaxed.client();
            browser.signUp("Relaxed", "relaxed@example.com", "velvet-otter-42");
            assertThat(browser.postForm("/app/notes", "body=hello").status()).isEqualTo(200);
        }
    }

    @Test
    void aSignInFormThatCarriesTheCsrfFieldLikeEveryOtherFormIsAccepted() {
        TestClient browser = signedIn("form-signin@example.com");
        String token = tokenOf(browser);
        TestClient.Reply reply = browser.postForm("/api/auth/sign-in/email", "email=form-signin%40example.com"
                + "&password=velvet-otter-42&callbackURL=%2Fapp&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(302);
        assertThat(reply.header("Location")).hasValue("/app");
    }
}
