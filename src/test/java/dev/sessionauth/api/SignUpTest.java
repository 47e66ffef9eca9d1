package dev.sessionauth.api;

import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.api.Api.assertSessionShape;
import static dev.sessionauth.api.Api.assertUserShape;
import static dev.sessionauth.testing.Accounts.SIGN_UP;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /sign-up/email: creates the user and its first session, validates every field. */
class SignUpTest {
        // These tests sign up some forty accounts from 127.0.0.1 within seconds: exactly what the per-address
        // sign-up limit (30 a minute) is there to stop. They test sign-up itself, so they get room; the limit is
        // tested in dev.sessionauth.throttle.
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start("rateLimit.strict.max", "1000");

    @Test
    void signUpAnswersTokenAndUserAndSetsTheSessionCookie() {
        TestClient browser = server.client();
        String email = uniqueEmail("ada");
        Reply up = browser.signUp("Ada Lovelace", email, Accounts.PASSWORD);

        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertNoStore(up);
        Api.assertJson(up);
        JsonNode body = up.json();
        assertThat(Api.fieldNames(body)).containsExactlyInAnyOrder("token", "user");
        String token = body.path("token").asText();
        assertThat(token).matches(Api.RAW_TOKEN);
        JsonNode user = body.path("user");
        assertUserShape(user);
        assertThat(user.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(user.path("email").asText()).isEqualTo(email);
        assertThat(user.path("emailVerified").asBoolean()).isFalse();
        assertThat(user.path("image").isNull()).isTrue();
        assertThat(user.path("createdAt").asText()).isEqualTo(user.path("updatedAt").asText());

        assertThat(browser.cookie(TOKEN_COOKIE)).hasValueSatisfying(v -> assertThat(v).startsWith(token + "."));
        assertThat(up.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").contains("Max-Age=")
                .doesNotContain("Secure"));
    }

    @Test
    void theNewUserIsSignedInRightAway() {
        TestClient browser = server.client();
        String email = uniqueEmail("grace");
        Reply up = browser.signUp("Grace", email, Accounts.PASSWORD);
        String userId = up.json().path("user").path("id").asText();

        Reply session = browser.getSession();
        assertThat(session.status()).isEqualTo(200);
        assertSessionShape(session.json().path("session"));
        assertUserShape(session.json().path("user"));
        assertThat(session.json().path("user").path("id").asText()).isEqualTo(userId);
        assertThat(session.json().path("session").path("userId").asText()).isEqualTo(userId);
        assertThat(session.json().path("user").path("email").asText()).isEqualTo(email);
    }

    @Test
    void theDatabaseKeepsOnlyTheTokensHashAndABcryptHash() {
        TestClient browser = server.client();
        Reply up = browser.signUp("Hash", uniqueEmail("hash"), Accounts.PASSWORD);
        String token = up.json().path("token").asText();
        String userId = up.json().path("user").path("id").asText();

        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", userId)).isEqualTo(1);
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE token_hash = ?", token)).isZero();
        assertThat(Api.sessionTableValues(server.get())).noneMatch(v -> v.contains(token));
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE user_id = ? AND password_hash LIKE '$2%'",
                userId)).isEqualTo(1);
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE password_hash LIKE ?",
                "%" + Accounts.PASSWORD + "%")).isZero();
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        String local = "Ada-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Reply up = server.client().signUp("Ada", "  " + local + "@Example.COM ", Accounts.PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        String normalized = local.toLowerCase() + "@example.com";
        assertThat(up.json().path("user").path("email").asText()).isEqualTo(normalized);

        Reply in = server.client().signIn(normalized, Accounts.PASSWORD);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("user").path("id").asText()).isEqualTo(up.json().path("user").path("id").asText());
    }

    @Test
    void aSecondSignUpWithTheSameEmailInAnyCaseIs422AndCreatesNothing() {
        String email = uniqueEmail("twice");
        assertThat(server.client().signUp("First", email, Accounts.PASSWORD).status()).isEqualTo(200);

        Reply again = server.client().signUp("Second", email.toUpperCase(), "another password 123");
        assertError(again, 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
        assertThat(again.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isEqualTo(1);

        // The first password still works, the second does not.
        assertThat(server.client().signIn(email, Accounts.PASSWORD).status()).isEqualTo(200);
        assertError(server.client().signIn(email, "another password 123"), 401, "INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void anImageIsStoredAndReturned() {
        TestClient browser = server.client();
        Reply up = browser.post(SIGN_UP, json("name", "Pic", "email", uniqueEmail("pic"), "password", Accounts.PASSWORD,
                "image", "https://cdn.example/pic.png"));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("user").path("image").asText()).isEqualTo("https://cdn.example/pic.png");
        assertThat(browser.getSession().json().path("user").path("image").asText())
                .isEqualTo("https://cdn.example/pic.png");
    }

    @Test
    void optionalFieldsMayBeNull() {
        Reply up = server.client().post(SIGN_UP, json("name", "Nulls", "email", uniqueEmail("nulls"),
                "password", Accounts.PASSWORD, "image", null, "rememberMe", null, "callbackURL", null,
                "errorCallbackURL", null));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("user").path("image").isNull()).isTrue();
    }

    @Test
    void callbackUrlsAreAcceptedInJsonAndTheAnswerStaysJson() {
        Reply up = server.client().post(SIGN_UP, json("name", "Cb", "email", uniqueEmail("cb"),
                "password", Accounts.PASSWORD, "callbackURL", "/welcome", "errorCallbackURL", "/signup"));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("token").asText()).matches(Api.RAW_TOKEN);
    }

    @Test
    void aCallbackUrlToAnotherOriginIsRefused() {
        String email = uniqueEmail("evilcb");
        Reply up = server.client().post(SIGN_UP, json("name", "Evil", "email", email,
                "password", Accounts.PASSWORD, "callbackURL", "https://evil.example/x"));
        assertError(up, 403, "INVALID_ORIGIN");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isZero();
    }

    @Test
    void nonAsciiNamesRoundTrip() {
        TestClient browser = server.client();
        String name = "Zo\u00eb \u674e \uD83D\uDE00";
        Reply up = browser.signUp(name, uniqueEmail("utf8"), Accounts.PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.header("Content-Type")).hasValueSatisfying(t -> assertThat(t.toLowerCase()).contains("utf-8"));
        assertThat(up.json().path("user").path("name").asText()).isEqualTo(name);
        assertThat(browser.getSession().json().path("user").path("name").asText()).isEqualTo(name);
    }

    @Test
    void nameIsTrimmed() {
        Reply up = server.client().signUp("   Ada  ", uniqueEmail("trim"), Accounts.PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("user").path("name").asText()).isEqualTo("Ada");
    }

    @Test
    void nameOf255CharactersIsAcceptedAnd256IsNot() {
        Reply ok = server.client().signUp("n".repeat(255), uniqueEmail("n255"), Accounts.PASSWORD);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("user").path("name").asText()).hasSize(255);

        String email = uniqueEmail("n256");
        assertError(server.client().signUp("n".repeat(256), email, Accounts.PASSWORD), 400, "INVALID_REQUEST_BODY");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t  "})
    void aBlankNameIsRefused(String name) {
        assertError(server.client().signUp(name, uniqueEmail("blank"), Accounts.PASSWORD), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void aMissingNameIsRefused() {
        assertError(server.client().post(SIGN_UP, json("email", uniqueEmail("noname"), "password", Accounts.PASSWORD)),
                400, "INVALID_REQUEST_BODY");
    }

    @Test
    void aMissingEmailOrPasswordIsRefused() {
        assertError(server.client().post(SIGN_UP, json("name", "A", "password", Accounts.PASSWORD)),
                400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_UP, json("name", "A", "email", uniqueEmail("nopw"))),
                400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_UP, json("name", "A", "email", null, "password", Accounts.PASSWORD)),
                400, "INVALID_REQUEST_BODY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@b", "@example.com", "ada@", "ada@@example.com", "a b@example.com",
            "ada@exa mple.com", "ada@-example.com", "ada@example..com", "<script>@example.com", "ädä@example.com"})
    void aMalformedEmailIs400InvalidEmail(String email) {
        assertError(server.client().signUp("Bad", email, Accounts.PASSWORD), 400, "INVALID_EMAIL");
    }

    @Test
    void anEmailOf254CharactersIsAcceptedAnd255IsNot() {
        String labels = ("b".repeat(60) + ".").repeat(3); // 183 characters
        String ok = "a".repeat(64) + "@" + labels + "ab.com";
        assertThat(ok).hasSize(254);
        Reply up = server.client().signUp("Long", ok, Accounts.PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("user").path("email").asText()).isEqualTo(ok);

        String tooLong = "a".repeat(64) + "@" + labels + "abc.com";
        assertThat(tooLong).hasSize(255);
        assertError(server.client().signUp("Long", tooLong, Accounts.PASSWORD), 400, "INVALID_EMAIL");
    }

    @Test
    void passwordsShorterThan8CodePointsAreTooShort() {
        assertError(server.client().signUp("Short", uniqueEmail("short"), "1234567"), 400, "PASSWORD_TOO_SHORT");
        assertError(server.client().signUp("Short", uniqueEmail("short"), ""), 400, "PASSWORD_TOO_SHORT");
        // Seven emoji are 14 UTF-16 chars but 7 characters.
        assertError(server.client().signUp("Short", uniqueEmail("short"), "\uD83D\uDE00".repeat(7)), 400,
                "PASSWORD_TOO_SHORT");
    }

    @Test
    void passwordsOf8And128CodePointsAreAccepted() {
        String email8 = uniqueEmail("pw8");
        assertThat(server.client().signUp("Eight", email8, "7kq2m9zx").status()).isEqualTo(200);
        assertThat(server.client().signIn(email8, "7kq2m9zx").status()).isEqualTo(200);

        String emoji8 = "\uD83D\uDE00".repeat(8);
        String emailEmoji = uniqueEmail("emoji");
        assertThat(server.client().signUp("Emoji", emailEmoji, emoji8).status()).isEqualTo(200);
        assertThat(server.client().signIn(emailEmoji, emoji8).status()).isEqualTo(200);

        String long128 = "\uD83D\uDE00".repeat(128); // 128 characters, 512 UTF-8 bytes
        String email128 = uniqueEmail("pw128");
        Reply up = server.client().signUp("Long", email128, long128);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(server.client().signIn(email128, long128).status()).isEqualTo(200);
    }

    @Test
    void passwordsLongerThan128CodePointsAreTooLong() {
        String email = uniqueEmail("toolong");
        assertError(server.client().signUp("Long", email, "x".repeat(129)), 400, "PASSWORD_TOO_LONG");
        assertError(server.client().signUp("Long", email, "\uD83D\uDE00".repeat(129)), 400, "PASSWORD_TOO_LONG");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isZero();
    }

    @Test
    void anImageLongerThan2048CharactersIsRefused() {
        assertError(server.client().post(SIGN_UP, json("name", "Img", "email", uniqueEmail("img"),
                "password", Accounts.PASSWORD, "image", "https://cdn.example/" + "p".repeat(2048))),
                400, "INVALID_REQUEST_BODY");
    }

    @Test
    void fieldsOfTheWrongTypeAreRefused() {
        String email = uniqueEmail("types");
        assertError(server.client().post(SIGN_UP, "{\"name\":1,\"email\":\"" + email + "\",\"password\":\""
                + Accounts.PASSWORD
                + "\"}"), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_UP, "{\"name\":\"A\",\"email\":[\"" + email + "\"],\"password\":\""
                + Accounts.PASSWORD + "\"}"), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_UP, "{\"name\":\"A\",\"email\":\"" + email
                + "\",\"password\":12345678}"), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_UP, "{\"name\":\"A\",\"email\":\"" + email + "\",\"password\":\""
                + Accounts.PASSWORD + "\",\"rememberMe\":\"yes\"}"), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SIGN_UP, "{\"name\":\"A\",\"email\":\"" + email + "\",\"password\":\""
                + Accounts.PASSWORD + "\",\"image\":{}}"), 400, "INVALID_REQUEST_BODY");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isZero();
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() {
        String email = uniqueEmail("unknown");
        Reply r = server.client().post(SIGN_UP, json("name", "A", "email", email, "password", Accounts.PASSWORD,
                "role", "admin"));
        assertError(r, 400, "INVALID_REQUEST_BODY");
        assertThat(r.json().path("message").asText()).contains("role");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isZero();
    }

    @Test
    void signingUpInABrowserThatHasASessionEndsThatSession() {
        TestClient browser = server.client();
        Reply first = browser.signUp("First", uniqueEmail("first"), Accounts.PASSWORD);
        String firstToken = first.json().path("token").asText();
        String firstCookie = browser.cookie(TOKEN_COOKIE).orElseThrow();

        Reply second = browser.signUp("Second", uniqueEmail("second"), Accounts.PASSWORD);
        assertThat(second.status()).as(second.body()).isEqualTo(200);

        assertThat(Api.cookieWorks(server.get(), firstCookie)).isFalse();
        assertThat(Api.isLive(server.get(), firstToken)).isFalse();
        assertThat(browser.getSession().json().path("user").path("id").asText())
                .isEqualTo(second.json().path("user").path("id").asText());
    }

    @Test
    void rememberMeFalseGivesABrowserSessionCookieAndAOneDaySession() {
        TestClient browser = server.client();
        Reply up = browser.post(SIGN_UP, json("name", "Brief", "email", uniqueEmail("brief"),
                "password", Accounts.PASSWORD, "rememberMe", false));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age"));
        JsonNode session = browser.getSession().json().path("session");
        Instant created = Instant.parse(session.path("createdAt").asText());
        Instant expires = Instant.parse(session.path("expiresAt").asText());
        assertThat(expires).isEqualTo(created.plusSeconds(24 * 3600));
    }

    @Test
    void theSessionRecordsTheClientAddressAndUserAgent() {
        TestClient browser = server.client().header("User-Agent", "SignUpTest/1.0 (integration)");
        browser.signUp("Agent", uniqueEmail("agent"), Accounts.PASSWORD);
        JsonNode session = browser.getSession().json().path("session");
        assertThat(session.path("ipAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(session.path("userAgent").asText()).isEqualTo("SignUpTest/1.0 (integration)");
    }

    @Test
    void aVeryLongUserAgentDoesNotBreakSignUp() {
        TestClient browser = server.client().header("User-Agent", "Mozilla/5.0 " + "x".repeat(1000));
        Reply up = browser.signUp("LongAgent", uniqueEmail("longagent"), Accounts.PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(browser.getSession().json().path("user").isObject()).isTrue();
    }
}
