package dev.sessionauth.api;

import static dev.sessionauth.api.Api.SIGN_IN;
import static dev.sessionauth.api.Api.SIGN_UP;
import static dev.sessionauth.api.Api.TOKEN_COOKIE;
import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.api.Api.form;
import static dev.sessionauth.api.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.api.Api.Account;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-in and sign-up from a plain HTML form (application/x-www-form-urlencoded), redirects included. */
class FormSignInTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("trustedOrigins", "https://partner.example");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFormSignInWithACallbackUrlRedirectsThereWithTheCookie() {
        Account account = Api.signUp(server, "form");
        TestClient browser = server.client();
        Reply in = browser.postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "callbackURL", "/dashboard"));

        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("/dashboard");
        assertNoStore(in);
        assertThat(in.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly"));
        assertThat(browser.getSession().json().path("user").path("id").asText()).isEqualTo(account.userId());
    }

    @Test
    void aFormSignInWithoutACallbackUrlAnswersJson() {
        Account account = Api.signUp(server, "formjson");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password()));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("token").asText()).matches(Api.RAW_TOKEN);
    }

    @Test
    void aPasswordWithFormSpecialCharactersSurvivesEncoding() {
        String password = "a+b c&d=e%f\u00e9\uD83D\uDE00";
        String email = uniqueEmail("special");
        assertThat(server.client().signUp("Special", email, password).status()).isEqualTo(200);
        Reply in = server.client().postForm(SIGN_IN, form("email", email, "password", password,
                "callbackURL", "/home"));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
    }

    @Test
    void aFormSignInWithAWrongPasswordAndAnErrorCallbackRedirectsWithTheErrorCode() {
        Account account = Api.signUp(server, "formerr");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", "wrong password",
                "callbackURL", "/dashboard", "errorCallbackURL", "/login"));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("/login?error=INVALID_EMAIL_OR_PASSWORD");
        assertThat(in.setCookie(TOKEN_COOKIE)).isEmpty();
        assertNoStore(in);
    }

    @Test
    void anErrorCallbackThatAlreadyHasAQueryGetsTheErrorAppended() {
        Reply in = server.client().postForm(SIGN_IN, form("email", uniqueEmail("nobody"), "password", "whatever1",
                "errorCallbackURL", "/login?lang=en"));
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("/login?lang=en&error=INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void aFormFailureWithoutAnErrorCallbackIsAJsonError() {
        Reply in = server.client().postForm(SIGN_IN, form("email", uniqueEmail("nobody"), "password", "whatever1",
                "callbackURL", "/dashboard"));
        assertError(in, 401, "INVALID_EMAIL_OR_PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "https://evil.example/dashboard", "//evil.example",
            "//evil.example/dashboard", "/\\evil.example", "http://evil.example:80/", "javascript:alert(1)",
            "https://user@127.0.0.1/"})
    void aCallbackUrlToAnotherOriginIsRefused(String url) {
        Account account = Api.signUp(server, "evil");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "callbackURL", url));
        assertError(in, 403, "INVALID_ORIGIN");
        assertThat(in.header("Location")).isEmpty();
        assertThat(in.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(Api.sessionRows(server, account.userId())).isEqualTo(1);
    }

    @Test
    void anErrorCallbackUrlToAnotherOriginIsRefused() {
        Reply in = server.client().postForm(SIGN_IN, form("email", uniqueEmail("nobody"), "password", "whatever1",
                "errorCallbackURL", "https://evil.example/login"));
        assertError(in, 403, "INVALID_ORIGIN");
        assertThat(in.header("Location")).isEmpty();
    }

    @Test
    void aCallbackUrlToATrustedOriginIsAccepted() {
        Account account = Api.signUp(server, "partner");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "callbackURL", "https://partner.example/welcome"));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("https://partner.example/welcome");
    }

    @Test
    void aFormPostWithoutOriginIsRefusedAsLoginCsrf() {
        Account account = Api.signUp(server, "nocsrf");
        Reply in = server.client().withoutOrigin().postForm(SIGN_IN, form("email", account.email(),
                "password", account.password(), "callbackURL", "/dashboard"));
        assertError(in, 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.sessionRows(server, account.userId())).isEqualTo(1);
    }

    @Test
    void aFormPostFromAnotherSiteIsRefused() {
        Account account = Api.signUp(server, "xsite");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "callbackURL", "/dashboard"), "Origin", "https://evil.example");
        assertError(in, 403, "INVALID_ORIGIN");
        Reply nullOrigin = server.client().postForm(SIGN_IN, form("email", account.email(),
                "password", account.password()), "Origin", "null");
        assertError(nullOrigin, 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.sessionRows(server, account.userId())).isEqualTo(1);
    }

    @Test
    void aFormSignUpWithACallbackUrlRedirectsThere() {
        TestClient browser = server.client();
        String email = uniqueEmail("formup");
        Reply up = browser.postForm(SIGN_UP, form("name", "Form User", "email", email, "password", Api.PASSWORD,
                "callbackURL", "/welcome"));
        assertThat(up.status()).as(up.body()).isEqualTo(302);
        assertThat(up.header("Location")).hasValue("/welcome");
        assertThat(browser.getSession().json().path("user").path("email").asText()).isEqualTo(email);
    }

    @Test
    void aFailedFormSignUpRedirectsToTheErrorCallback() {
        Account existing = Api.signUp(server, "taken");
        Reply up = server.client().postForm(SIGN_UP, form("name", "Again", "email", existing.email(),
                "password", Api.PASSWORD, "callbackURL", "/welcome", "errorCallbackURL", "/signup"));
        assertThat(up.status()).isEqualTo(302);
        assertThat(up.header("Location")).hasValue("/signup?error=USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");

        Reply shortPw = server.client().postForm(SIGN_UP, form("name", "Short", "email", uniqueEmail("short"),
                "password", "short", "errorCallbackURL", "/signup"));
        assertThat(shortPw.status()).isEqualTo(302);
        assertThat(shortPw.header("Location")).hasValue("/signup?error=PASSWORD_TOO_SHORT");
    }

    @Test
    void formRememberMeAcceptsCheckboxValues() {
        Account account = Api.signUp(server, "checkbox");
        Reply on = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "rememberMe", "on", "callbackURL", "/x"));
        assertThat(on.status()).isEqualTo(302);
        assertThat(on.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age="));
        Reply off = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "rememberMe", "false", "callbackURL", "/x"));
        assertThat(off.status()).isEqualTo(302);
        assertThat(off.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age"));
        assertError(server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "rememberMe", "maybe")), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void brokenFormsAreBadRequests() {
        Account account = Api.signUp(server, "broken");
        assertError(server.client().postForm(SIGN_IN, "email=" + account.email() + "&password=%zz"), 400,
                "INVALID_REQUEST_BODY");
        assertError(server.client().postForm(SIGN_IN, form("email", account.email(), "email", account.email(),
                "password", account.password())), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "extra", "1")), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().postForm(SIGN_IN, form("email", account.email())), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void formsAreOnlyForTheEndpointsThatTakeThem() {
        Account account = Api.signUp(server, "formonly");
        assertError(account.browser().postForm("/api/auth/update-user", form("name", "Nope")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        // Sign-out takes forms since issue 12 (a plain <form> can sign out), but only its own fields.
        assertError(account.browser().postForm("/api/auth/sign-out", form("a", "b")), 400, "INVALID_REQUEST_BODY");
        assertThat(account.browser().getSession().json().path("user").path("name").asText()).startsWith("User ");
    }
}
