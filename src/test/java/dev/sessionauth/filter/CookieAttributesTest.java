package dev.sessionauth.filter;

import static dev.sessionauth.testing.TestClient.maxAgeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The exact Set-Cookie headers a browser receives, and how settings change them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CookieAttributesTest {
    private static final String COOKIE = "sessionauth.session_token";
    private static final String PASSWORD = "correct horse";
    private static final String SIGNED_VALUE = "[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}";
    private static final long SEVEN_DAYS = 7 * 24 * 3600;

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start("protected", "/app/**");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void signUpSetsAnHttpOnlyLaxSessionCookieForSevenDaysWithoutSecureOnPlainHttp() {
        TestClient.Reply r = server.client().signUp("Cookie One", "cookie1@example.com", PASSWORD);
        assertThat(r.status()).isEqualTo(200);
        String header = r.setCookie(COOKIE).orElseThrow();
        assertThat(header).matches(Pattern.quote(COOKIE) + "=" + SIGNED_VALUE
                + "; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax");
        assertThat(maxAgeOf(header)).isBetween(SEVEN_DAYS - 60, SEVEN_DAYS);
        assertThat(header).doesNotContain("Secure").doesNotContain("Domain");
    }

    @Test
    void signInSetsTheSameAttributesAndTheCookieCarriesTheTokenFromTheBody() {
        assertThat(server.client().signUp("Cookie Two", "cookie2@example.com", PASSWORD).status()).isEqualTo(200);
        TestClient.Reply r = server.client().signIn("cookie2@example.com", PASSWORD);
        assertThat(r.status()).isEqualTo(200);
        String header = r.setCookie(COOKIE).orElseThrow();
        assertThat(header).matches(Pattern.quote(COOKIE) + "=" + SIGNED_VALUE
                + "; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax");
        assertThat(maxAgeOf(header)).isBetween(SEVEN_DAYS - 60, SEVEN_DAYS);
        String value = header.substring(COOKIE.length() + 1, header.indexOf(';'));
        assertThat(value.substring(0, value.indexOf('.'))).isEqualTo(r.json().path("token").asText());
        assertThat(r.allHeaders("Set-Cookie")).hasSize(1);
    }

    @Test
    void rememberMeFalseGivesABrowserSessionCookieWithoutMaxAge() {
        assertThat(server.client().signUp("Cookie Three", "cookie3@example.com", PASSWORD).status()).isEqualTo(200);
        TestClient.Reply r = server.client().post("/api/auth/sign-in/email", TestClient.json(Map.of(
                "email", "cookie3@example.com", "password", PASSWORD, "rememberMe", false)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String header = r.setCookie(COOKIE).orElseThrow();
        assertThat(header).matches(Pattern.quote(COOKIE) + "=" + SIGNED_VALUE + "; Path=/; HttpOnly; SameSite=Lax");
        assertThat(header).doesNotContain("Max-Age").doesNotContain("Expires");
    }

    @Test
    void ordinaryRequestWithAFreshSessionSetsNoCookie() {
        TestClient browser = server.client();
        assertThat(browser.signUp("Cookie Four", "cookie4@example.com", PASSWORD).status()).isEqualTo(200);
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.allHeaders("Set-Cookie")).isEmpty();
        assertThat(browser.get("/elsewhere").allHeaders("Set-Cookie")).isEmpty();
    }

    @Test
    void staleCookieIsClearedOnTheNextRequestToAnUnmatchedPath() {
        TestClient browser = server.client();
        browser.putCookie(COOKIE, "forged.cookie");
        TestClient.Reply r = browser.get("/elsewhere");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isFalse();
        assertCleared(r, "sessionauth");
    }

    @Test
    void staleCookieIsClearedOnA401FromAProtectedPath() {
        TestClient browser = server.client();
        browser.putCookie(COOKIE, "forged.cookie");
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(401);
        assertCleared(r, "sessionauth");
    }

    @Test
    void cookieOfASignedOutSessionIsClearedWhenPresentedAgain() {
        TestClient browser = server.client();
        assertThat(browser.signUp("Cookie Five", "cookie5@example.com", PASSWORD).status()).isEqualTo(200);
        String value = browser.cookie(COOKIE).orElseThrow();
        TestClient.Reply out = browser.post("/api/auth/sign-out", "{}");
        assertThat(out.status()).isEqualTo(200);
        assertCleared(out, "sessionauth");

        TestClient replay = server.client();
        replay.putCookie(COOKIE, value);
        TestClient.Reply r = replay.get("/elsewhere");
        assertThat(r.json().path("signedIn").asBoolean()).isFalse();
        assertCleared(r, "sessionauth");
    }

    private static void assertCleared(TestClient.Reply r, String prefix) {
        List<String> headers = r.allHeaders("Set-Cookie");
        for (String name : List.of(".session_token", ".session_data", ".dont_remember")) {
            String header = headers.stream().filter(h -> h.startsWith(prefix + name + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError(prefix + name + " not cleared: " + headers));
            assertThat(header).startsWith(prefix + name + "=;").contains("; Path=/").contains("; Max-Age=0")
                    .contains("; HttpOnly");
        }
    }

    // ---- settings ----------------------------------------------------------------------------------------

    @Test
    void sameSiteStrictIsHonoured() {
        try (TestServer s = TestServer.start("cookie.sameSite", "Strict")) {
            TestClient.Reply r = s.client().signUp("Strict", "strict@example.com", PASSWORD);
            assertThat(r.setCookie(COOKIE).orElseThrow()).endsWith("; HttpOnly; SameSite=Strict")
                    .doesNotContain("Lax");
        }
    }

    @Test
    void sameSiteNoneStopsStartUp() {
        assertThatThrownBy(() -> TestServer.start("cookie.sameSite", "None").close())
                .hasMessageContaining("cookie.sameSite");
    }

    @Test
    void requireSecureCookieGivesTheSecurePrefixAndAttributeEvenOnPlainHttp() {
        try (TestServer s = TestServer.start("protected", "/app/**", "security.requireSecureCookie", "true")) {
            TestClient.Reply r = s.client().signUp("Secure", "secure@example.com", PASSWORD);
            assertThat(r.status()).isEqualTo(200);
            String header = r.setCookie("__Host-" + COOKIE).orElseThrow(() -> new AssertionError(r.headers()));
            assertThat(header).matches(Pattern.quote("__Host-" + COOKIE) + "=" + SIGNED_VALUE
                    + "; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax; Secure");
            assertThat(r.setCookie(COOKIE)).isEmpty();

            String value = header.substring(header.indexOf('=') + 1, header.indexOf(';'));
            TestClient.Reply app = s.client().get("/app/x", "Cookie", "__Host-" + COOKIE + "=" + value);
            assertThat(app.status()).as(app.body()).isEqualTo(200);
            assertThat(app.json().path("signedIn").asBoolean()).isTrue();
            TestClient.Reply unprefixed = s.client().get("/app/x", "Cookie", COOKIE + "=" + value);
            assertThat(unprefixed.status()).as("only the __Host- name counts").isEqualTo(401);
        }
    }

    @Test
    void underANarrowerPathTheSecureCookieTakesTheSecurePrefixForHostNeedsTheRootPath() {
        try (TestServer s = TestServer.builder().contextPath("/myapp").set("security.requireSecureCookie", "true")
                .start()) {
            TestClient.Reply r = s.client().signUp("Narrow", "narrow@example.com", PASSWORD);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.setCookie("__Secure-" + COOKIE).orElseThrow(() -> new AssertionError(r.headers())))
                    .contains("; Path=/myapp;").endsWith("; Secure");
            assertThat(r.setCookie("__Host-" + COOKIE)).isEmpty();
        }
    }

    @Test
    void requireSecureCookieClearsTheSecureNames() {
        try (TestServer s = TestServer.start("security.requireSecureCookie", "true")) {
            TestClient.Reply r = s.client().get("/x", "Cookie", "__Host-" + COOKIE + "=forged.value");
            assertCleared(r, "__Host-sessionauth");
            assertThat(r.allHeaders("Set-Cookie")).allSatisfy(h -> assertThat(h).endsWith("; Secure"));
        }
    }

    @Test
    void httpsBaseUrlWithASecretMakesCookiesSecure() {
        try (TestServer s = TestServer.start("baseURL", "https://app.example.com")) {
            TestClient.Reply r = s.client().post("/api/auth/sign-up/email", TestClient.json(Map.of(
                    "name", "Https", "email", "https@example.com", "password", PASSWORD)),
                    "Origin", "https://app.example.com");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String header = r.setCookie("__Host-" + COOKIE).orElseThrow(() -> new AssertionError(r.headers()));
            assertThat(header).endsWith("; HttpOnly; SameSite=Lax; Secure");
        }
    }

    @Test
    void requireSecureCookieFalseKeepsThePlainNameEvenWithAnHttpsBaseUrl() {
        try (TestServer s = TestServer.start("baseURL", "https://app.example.com",
                "security.requireSecureCookie", "false")) {
            TestClient.Reply r = s.client().signUp("Plain", "plain@example.com", PASSWORD);
            assertThat(r.setCookie(COOKIE).orElseThrow()).doesNotContain("Secure");
        }
    }

    @Test
    void cookiePrefixRenamesTheCookie() {
        try (TestServer s = TestServer.start("protected", "/app/**", "cookie.prefix", "myapp")) {
            TestClient browser = s.client();
            TestClient.Reply r = browser.signUp("Prefixed", "prefixed@example.com", PASSWORD);
            assertThat(r.setCookie("myapp.session_token").orElseThrow())
                    .matches("myapp\\.session_token=" + SIGNED_VALUE + "; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax");
            assertThat(r.setCookie(COOKIE)).isEmpty();
            assertThat(browser.get("/app/x").json().path("signedIn").asBoolean()).isTrue();

            String value = browser.cookie("myapp.session_token").orElseThrow();
            TestClient wrongName = s.client();
            wrongName.putCookie(COOKIE, value);
            assertThat(wrongName.get("/app/x").status()).as("the default name is not read").isEqualTo(401);
        }
    }

    @Test
    void shorterMaxAgeIsTheCookiesMaxAge() {
        try (TestServer s = TestServer.start("session.maxAge", "2h", "session.updateAge", "1h")) {
            TestClient.Reply r = s.client().signUp("Short", "short@example.com", PASSWORD);
            assertThat(maxAgeOf(r.setCookie(COOKIE).orElseThrow())).isBetween(7200L - 60, 7200L);
        }
    }
}
