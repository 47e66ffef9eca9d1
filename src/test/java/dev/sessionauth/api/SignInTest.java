package dev.sessionauth.api;

import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.api.Api.assertUserShape;
import static dev.sessionauth.testing.Accounts.LIST_SESSIONS;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /sign-in/email with JSON: checks the password, always opens a new session, never fixes an old one. */
class SignInTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start();

    @Test
    void signInAnswersRedirectFalseTokenAndUser() {
        SignedInUser account = Accounts.signUp(server.get(), "in");
        TestClient browser = server.client();
        Reply in = browser.signIn(account.email(), account.password());

        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertNoStore(in);
        Api.assertJson(in);
        JsonNode body = in.json();
        assertThat(Api.fieldNames(body)).containsExactlyInAnyOrder("redirect", "token", "user");
        assertThat(body.path("redirect").isBoolean()).isTrue();
        assertThat(body.path("redirect").asBoolean()).isFalse();
        String token = body.path("token").asText();
        assertThat(token).matches(Api.RAW_TOKEN);
        assertUserShape(body.path("user"));
        assertThat(body.path("user").path("id").asText()).isEqualTo(account.userId());
        assertThat(body.path("user").path("email").asText()).isEqualTo(account.email());

        assertThat(browser.cookie(TOKEN_COOKIE)).hasValueSatisfying(v -> assertThat(v).startsWith(token + "."));
        assertThat(in.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure"));
        assertThat(browser.getSession().json().path("user").path("id").asText()).isEqualTo(account.userId());
    }

    @Test
    void theCookieLivesAsLongAsTheSession() {
        SignedInUser account = Accounts.signUp(server.get(), "maxage");
        Reply in = server.client().signIn(account.email(), account.password());
        String cookie = in.setCookie(TOKEN_COOKIE).orElseThrow();
        long maxAge = Long.parseLong(cookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(7L * 24 * 3600 - 60, 7L * 24 * 3600);
    }

    @Test
    void emailCaseAndSurroundingSpaceDoNotMatter() {
        SignedInUser account = Accounts.signUp(server.get(), "casey");
        Reply in = server.client().signIn("  " + account.email().toUpperCase() + " ", account.password());
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("user").path("id").asText()).isEqualTo(account.userId());
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        SignedInUser account = Accounts.signUp(server.get(), "same");
        Reply wrongPassword = server.client().signIn(account.email(), "not the password");
        Reply unknownEmail = server.client().signIn(uniqueEmail("nobody"), "not the password");

        assertError(wrongPassword, 401, "INVALID_EMAIL_OR_PASSWORD");
        assertError(unknownEmail, 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
        assertThat(wrongPassword.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(unknownEmail.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
    }

    @Test
    void passwordsAreCaseSensitive() {
        SignedInUser account = Accounts.signUp(server.get(), "pwcase");
        assertError(server.client().signIn(account.email(), account.password().toUpperCase()), 401,
                "INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void longPasswordsAreNotTruncatedAt72Bytes() {
        String base = "p".repeat(99);
        String email = uniqueEmail("long");
        assertThat(server.client().signUp("Long", email, base + "A").status()).isEqualTo(200);

        assertThat(server.client().signIn(email, base + "A").status()).isEqualTo(200);
        assertError(server.client().signIn(email, base + "B"), 401, "INVALID_EMAIL_OR_PASSWORD");
        assertError(server.client().signIn(email, "p".repeat(72)), 401, "INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void multiByteLongPasswordsAreNotTruncatedEither() {
        String base = "\u00e9".repeat(40); // 80 UTF-8 bytes
        String email = uniqueEmail("accents");
        assertThat(server.client().signUp("Accents", email, base + "1").status()).isEqualTo(200);
        assertThat(server.client().signIn(email, base + "1").status()).isEqualTo(200);
        assertError(server.client().signIn(email, base + "2"), 401, "INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void aPasswordWithALoneSurrogateIsNotConfusedWithAQuestionMark() {
        // "\ud800" is valid JSON but not a Unicode character; it must not hash like "?" (or anything else).
        String email = uniqueEmail("surrogate");
        Reply up = server.client().post(Accounts.SIGN_UP, "{\"name\":\"S\",\"email\":\"" + email
                + "\",\"password\":\"\\ud800\\ud800abcdefgh\"}");
        if (up.status() == 200) {
            assertError(server.client().signIn(email, "??abcdefgh"), 401, "INVALID_EMAIL_OR_PASSWORD");
            assertError(server.client().signIn(email, "\uFFFD\uFFFDabcdefgh"), 401, "INVALID_EMAIL_OR_PASSWORD");
        } else {
            assertError(up, 400, "INVALID_REQUEST_BODY");
        }
    }

    @Test
    void theClientAddressIgnoresXForwardedForUnlessAProxyIsTrusted() {
        SignedInUser account = Accounts.signUp(server.get(), "xff");
        TestClient browser = server.client().header("X-Forwarded-For", "203.0.113.9");
        browser.signIn(account.email(), account.password());
        assertThat(browser.getSession().json().path("session").path("ipAddress").asText()).isEqualTo("127.0.0.1");

        try (TestServer proxied = TestServer.start("trustProxy", "true")) {
            TestClient behindProxy = proxied.client().header("X-Forwarded-For", "198.51.100.1, 203.0.113.9");
            assertThat(Accounts.signUp(behindProxy, uniqueEmail("proxied")).token()).matches(Api.RAW_TOKEN);
            assertThat(behindProxy.getSession().json().path("session").path("ipAddress").asText())
                    .isEqualTo("203.0.113.9");
            TestClient hugeHeader = proxied.client().header("X-Forwarded-For", "x".repeat(500));
            Reply up = hugeHeader.signUp("Huge", uniqueEmail("huge"), Accounts.PASSWORD);
            assertThat(up.status()).as(up.body()).isEqualTo(200);
        }
    }

    @Test
    void anAbsurdlyLongPasswordIsJustAWrongPassword() {
        SignedInUser account = Accounts.signUp(server.get(), "absurd");
        assertError(server.client().signIn(account.email(), "x".repeat(10_000)), 401, "INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void aMalformedEmailIs400InvalidEmail() {
        assertError(server.client().signIn("not-an-email", Accounts.PASSWORD), 400, "INVALID_EMAIL");
    }

    @Test
    void missingOrMistypedFieldsAreRefused() {
        SignedInUser account = Accounts.signUp(server.get(), "fields");
        assertError(server.client().post(SIGN_IN, json("email", account.email())), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_IN, json("password", account.password())), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_IN, json("email", account.email(), "password", null)), 400,
                "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_IN, json("email", account.email(), "password", account.password(),
                "rememberMe", "true")), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_IN, json("email", account.email(), "password", account.password(),
                "rememberMe", 1)), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_IN, json("email", account.email(), "password", account.password(),
                "name", "x")), 400, "INVALID_REQUEST_BODY");
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
    }

    @Test
    void everySignInCreatesANewSessionWithANewToken() {
        SignedInUser account = Accounts.signUp(server.get(), "many");
        Set<String> tokens = new HashSet<>();
        tokens.add(account.token());
        for (int i = 0; i < 3; i++) {
            tokens.add(Api.signIn(server.get(), account).token());
        }
        assertThat(tokens).hasSize(4);
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(4);
        assertThat(tokens).allMatch(t -> Api.isLive(server.get(), t));
        assertThat(account.browser().get(LIST_SESSIONS).json()).hasSize(4);
    }

    @Test
    void aSessionCookiePresentedToSignInIsRevoked() {
        SignedInUser account = Accounts.signUp(server.get(), "fixation");
        String oldCookie = account.cookie();
        String oldToken = account.token();

        Reply again = account.browser().signIn(account.email(), account.password());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        String newToken = again.json().path("token").asText();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(account.cookie()).isNotEqualTo(oldCookie).startsWith(newToken + ".");

        assertThat(Api.cookieWorks(server.get(), oldCookie)).isFalse();
        assertThat(Api.isLive(server.get(), oldToken)).isFalse();
        assertThat(Api.isLive(server.get(), newToken)).isTrue();
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
    }

    @Test
    void aPlantedSessionCookieCannotBeFixedOntoAVictimsSignIn() {
        // The attacker signs in and plants their cookie in the victim's browser; the victim signs in.
        SignedInUser attacker = Accounts.signUp(server.get(), "attacker");
        SignedInUser victim = Accounts.signUp(server.get(), "victim");
        TestClient victimBrowser = server.client();
        Reply in = victimBrowser.post(SIGN_IN, json("email", victim.email(), "password", victim.password()),
                "Cookie", TOKEN_COOKIE + "=" + attacker.cookie());
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("user").path("id").asText()).isEqualTo(victim.userId());

        assertThat(victimBrowser.getSession().json().path("user").path("id").asText()).isEqualTo(victim.userId());
        // The planted cookie no longer opens anything.
        assertThat(Api.cookieWorks(server.get(), attacker.cookie())).isFalse();
    }

    @Test
    void aDeadCookieSentBeforeTheLiveOneDoesNotShadowIt() {
        // Two cookies of one name reach the server when a sibling domain planted one ("cookie tossing"); browsers
        // send the older first. A planted cookie that no longer names a session must not hide the real one.
        SignedInUser attacker = Accounts.signUp(server.get(), "tosser");
        String planted = attacker.cookie();
        attacker.browser().post(Accounts.SIGN_OUT, "{}");
        SignedInUser victim = Accounts.signUp(server.get(), "tossed");
        Reply r = server.client().get(Accounts.GET_SESSION, "Cookie",
                TOKEN_COOKIE + "=" + planted + "; " + TOKEN_COOKIE + "=" + victim.cookie());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("user").path("id").asText()).as(r.body()).isEqualTo(victim.userId());
    }

    @Test
    void signingInAsAnotherUserInTheSameBrowserEndsTheFirstUsersSession() {
        SignedInUser first = Accounts.signUp(server.get(), "firstuser");
        SignedInUser second = Accounts.signUp(server.get(), "seconduser");
        String firstCookie = first.cookie();

        Reply in = first.browser().signIn(second.email(), second.password());
        assertThat(in.status()).isEqualTo(200);
        assertThat(first.browser().getSession().json().path("user").path("id").asText()).isEqualTo(second.userId());
        assertThat(Api.cookieWorks(server.get(), firstCookie)).isFalse();
        assertThat(Api.sessionRows(server.get(), first.userId())).isZero();
    }

    @Test
    void aFailedSignInDoesNotTouchTheSessionTheBrowserAlreadyHas() {
        SignedInUser account = Accounts.signUp(server.get(), "keep");
        Reply wrong = account.browser().signIn(account.email(), "wrong password!");
        assertError(wrong, 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(account.browser().getSession().json().path("user").path("id").asText())
                .isEqualTo(account.userId());
    }

    @Test
    void rememberMeFalseGivesACookieWithoutMaxAgeAndAOneDaySession() {
        SignedInUser account = Accounts.signUp(server.get(), "nomemory");
        TestClient browser = server.client();
        Reply in = browser.post(SIGN_IN, json("email", account.email(), "password", account.password(),
                "rememberMe", false));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age")
                .contains("HttpOnly"));
        JsonNode session = browser.getSession().json().path("session");
        assertThat(Instant.parse(session.path("expiresAt").asText()))
                .isEqualTo(Instant.parse(session.path("createdAt").asText()).plusSeconds(24 * 3600));
    }

    @Test
    void rememberMeTrueGivesASevenDaySession() {
        SignedInUser account = Accounts.signUp(server.get(), "memory");
        TestClient browser = server.client();
        Reply in = browser.post(SIGN_IN, json("email", account.email(), "password", account.password(),
                "rememberMe", true));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age="));
        JsonNode session = browser.getSession().json().path("session");
        assertThat(Instant.parse(session.path("expiresAt").asText()))
                .isEqualTo(Instant.parse(session.path("createdAt").asText()).plusSeconds(7 * 24 * 3600));
    }

    @Test
    void aJsonSignInWithACallbackUrlAnswersRedirectTrueAndTheUrl() {
        SignedInUser account = Accounts.signUp(server.get(), "jsoncb");
        Reply in = server.client().post(SIGN_IN, json("email", account.email(), "password", account.password(),
                "callbackURL", "/dashboard"));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("redirect").asBoolean()).isTrue();
        assertThat(in.json().path("url").asText()).isEqualTo("/dashboard");
        assertThat(in.json().path("token").asText()).matches(Api.RAW_TOKEN);
        assertThat(in.setCookie(TOKEN_COOKIE)).isPresent();
    }

    @Test
    void aJsonSignInWithACallbackUrlOnAnotherOriginIsRefusedBeforeCheckingThePassword() {
        SignedInUser account = Accounts.signUp(server.get(), "jsonevil");
        for (String url : new String[] {"https://evil.example", "https://evil.example/dashboard", "//evil.example",
                "/\\evil.example", "javascript:alert(1)", "http://127.0.0.1.evil.example/"}) {
            Reply in = server.client().post(SIGN_IN, json("email", account.email(), "password", account.password(),
                    "callbackURL", url));
            assertError(in, 403, "INVALID_ORIGIN");
            assertThat(in.setCookie(TOKEN_COOKIE)).as(url).isEmpty();
        }
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
    }

    @Test
    void aCallbackUrlOnTheAppsOwnOriginIsAccepted() {
        SignedInUser account = Accounts.signUp(server.get(), "ownorigin");
        Reply in = server.client().post(SIGN_IN, json("email", account.email(), "password", account.password(),
                "callbackURL", server.origin() + "/dashboard"));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("url").asText()).isEqualTo(server.origin() + "/dashboard");
    }

    @Test
    void aJsonFailureWithAnErrorCallbackUrlIsStillAJsonError() {
        SignedInUser account = Accounts.signUp(server.get(), "jsonerrcb");
        Reply in = server.client().post(SIGN_IN, json("email", account.email(), "password", "wrong password",
                "errorCallbackURL", "/login"));
        assertError(in, 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(in.header("Location")).isEmpty();
    }

    @Test
    void aNonBrowserClientSignsInWithoutOrigin() {
        SignedInUser account = Accounts.signUp(server.get(), "cli");
        Reply in = server.client().withoutOrigin().signIn(account.email(), account.password());
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(Api.isLive(server.get(), in.json().path("token").asText())).isTrue();
    }

    @Test
    void theSignInBodyNeverCarriesThePasswordHash() {
        SignedInUser account = Accounts.signUp(server.get(), "nohash");
        Reply in = server.client().signIn(account.email(), account.password());
        assertThat(in.body()).doesNotContain("$2").doesNotContain(account.password())
                .doesNotContainIgnoringCase("password");
    }
}
