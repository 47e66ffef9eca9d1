package dev.sessionauth.api;

import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.SIGN_UP;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.form;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-in and sign-up from a plain HTML form (application/x-www-form-urlencoded), redirects included. */
class FormSignInTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start("trustedOrigins", "https://partner.example");

    @Test
    void aFormSignInWithACallbackUrlRedirectsThereWithTheCookie() {
        SignedInUser account = Accounts.signUp(server.get(), "form");
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
        SignedInUser account = Accounts.signUp(server.get(), "formjson");
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
        SignedInUser account = Accounts.signUp(server.get(), "formerr");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", "wrong password",
                "callbackURL", "/dashboard", "errorCallbackURL", "/login"));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("/login?email=" + encoded(account.email())
                + "&error=INVALID_EMAIL_OR_PASSWORD");
        assertThat(in.setCookie(TOKEN_COOKIE)).isEmpty();
        assertNoStore(in);
    }

    @Test
    void aFailedFormGoesBackWithWhatWasTypedButNeverThePassword() {
        String typed = "Ann+1 <ann>@example.com";
        Reply in = server.client().postForm(SIGN_IN, form("email", typed, "password", "secret words 42",
                "errorCallbackURL", "/login?redirect=%2Fdashboard"));
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("/login?redirect=%2Fdashboard&email=" + encoded(typed)
                + "&error=INVALID_EMAIL");
        assertThat(in.header("Location").orElseThrow()).doesNotContain("secret").doesNotContain("password");

        Reply up = server.client().postForm(SIGN_UP, form("name", "Ann & Bob", "email", uniqueEmail("keep"),
                "password", "short", "errorCallbackURL", "/signup"));
        assertThat(up.header("Location").orElseThrow()).startsWith("/signup?name=Ann+%26+Bob&email=")
                .endsWith("&error=PASSWORD_TOO_SHORT").doesNotContain("short&");

        Reply huge = server.client().postForm(SIGN_IN, form("email", "a".repeat(400) + "@example.com",
                "password", "whatever1", "errorCallbackURL", "/login"));
        assertThat(huge.header("Location")).as("a value no address can be is not sent back")
                .hasValue("/login?error=INVALID_EMAIL");
    }

    private static String encoded(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anErrorCallbackThatAlreadyHasAQueryGetsTheErrorAppended() {
        Reply in = server.client().postForm(SIGN_IN, form("email", uniqueEmail("nobody"), "password", "whatever1",
                "errorCallbackURL", "/login?lang=en"));
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.header("Location").orElseThrow()).startsWith("/login?lang=en&email=")
                .endsWith("&error=INVALID_EMAIL_OR_PASSWORD");
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
        SignedInUser account = Accounts.signUp(server.get(), "evil");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "callbackURL", url));
        assertError(in, 403, "INVALID_ORIGIN");
        assertThat(in.header("Location")).isEmpty();
        assertThat(in.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
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
        SignedInUser account = Accounts.signUp(server.get(), "partner");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "callbackURL", "https://partner.example/welcome"));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("https://partner.example/welcome");
    }

    @Test
    void aFormPostWithoutOriginIsRefusedAsLoginCsrf() {
        SignedInUser account = Accounts.signUp(server.get(), "nocsrf");
        Reply in = server.client().withoutOrigin().postForm(SIGN_IN, form("email", account.email(),
                "password", account.password(), "callbackURL", "/dashboard"));
        assertError(in, 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
    }

    @Test
    void aFormPostFromAnotherSiteIsRefused() {
        SignedInUser account = Accounts.signUp(server.get(), "xsite");
        Reply in = server.client().postForm(SIGN_IN, form("email", account.email(), "password", account.password(),
                "callbackURL", "/dashboard"), "Origin", "https://evil.example");
        assertError(in, 403, "INVALID_ORIGIN");
        Reply nullOrigin = server.client().postForm(SIGN_IN, form("email", account.email(),
                "password", account.password()), "Origin", "null");
        assertError(nullOrigin, 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
    }

    @Test
    void aFormSignUpWithACallbackUrlRedirectsThere() {
        TestClient browser = server.client();
        String email = uniqueEmail("formup");
        Reply up = browser.postForm(SIGN_UP, form("name", "Form User", "email", email, "password", Accounts.PASSWORD,
                "callbackURL", "/welcome"));
        assertThat(up.status()).as(up.body()).isEqualTo(302);
        assertThat(up.header("Location")).hasValue("/welcome");
        assertThat(browser.getSession().json().path("user").path("email").asText()).isEqualTo(email);
    }

    @Test
    void aFailedFormSignUpRedirectsToTheErrorCallback() {
        SignedInUser existing = Accounts.signUp(server.get(), "taken");
        Reply up = server.client().postForm(SIGN_UP, form("name", "Again", "email", existing.email(),
                "password", Accounts.PASSWORD, "callbackURL", "/welcome", "errorCallbackURL", "/signup"));
        assertThat(up.status()).isEqualTo(302);
        assertThat(up.header("Location")).hasValue("/signup?name=Again&email=" + encoded(existing.email())
                + "&error=USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");

        Reply shortPw = server.client().postForm(SIGN_UP, form("name", "Short", "email", uniqueEmail("short"),
                "password", "short", "errorCallbackURL", "/signup"));
        assertThat(shortPw.status()).isEqualTo(302);
        assertThat(shortPw.header("Location").orElseThrow()).startsWith("/signup?name=Short&email=")
                .endsWith("&error=PASSWORD_TOO_SHORT");
    }

    @Test
    void formRememberMeAcceptsCheckboxValues() {
        SignedInUser account = Accounts.signUp(server.get(), "checkbox");
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
        SignedInUser account = Accounts.signUp(server.get(), "broken");
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
        SignedInUser account = Accounts.signUp(server.get(), "formonly");
        assertError(account.browser().postForm("/api/auth/update-user", form("name", "Nope")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        // Sign-out takes forms since issue 12 (a plain <form> can sign out), but only its own fields.
        assertError(account.browser().postForm("/api/auth/sign-out", form("a", "b")), 400, "INVALID_REQUEST_BODY");
        assertThat(account.browser().getSession().json().path("user").path("name").asText()).startsWith("User ");
    }
}
