package dev.sessionauth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSRF origin check as a browser meets it: unsafe requests that carry the session cookie must come from a
 * trusted origin (Origin, else Referer), on app paths and API paths alike; form-encoded API posts need it even
 * without a cookie (login CSRF); JSON API posts from non-browser clients without a cookie do not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfOriginTest {
    private static final String COOKIE = "sessionauth.session_token";
    private static final String EMAIL = "csrf@example.com";
    private static final String PASSWORD = "correct horse";

    private TestServer server;
    private String sessionValue;

    @BeforeAll
    void startServerAndSignIn() {
        server = TestServer.start("protected", "/app/**");
        TestClient browser = server.client();
        assertThat(browser.signUp("Csrf Tester", EMAIL, PASSWORD).status()).isEqualTo(200);
        sessionValue = browser.cookie(COOKIE).orElseThrow();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** A client holding the session cookie that sends only the Origin/Referer headers each test gives it. */
    private TestClient cookieBearing() {
        return cookieBearing(server, sessionValue);
    }

    private static TestClient cookieBearing(TestServer server, String value) {
        TestClient client = server.client().withoutOrigin();
        client.putCookie(COOKIE, value);
        return client;
    }

    private static void assertRefused(TestClient.Reply r, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("\"method\"");
    }

    private static void assertServedSignedIn(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isTrue();
    }

    private void assertSessionStillValid() {
        assertServedSignedIn(cookieBearing().get("/app/check"));
    }

    Stream<String> untrustedOrigins() {
        int port = server.port();
        return Stream.of(
                "https://evil.example",
                "http://127.0.0.1:" + (port == 65535 ? port - 1 : port + 1),
                "https://127.0.0.1:" + port,
                "http://localhost:" + port,
                "http://127.0.0.1",
                "http://127.0.0.1:" + port + ".evil.example",
                "http://127.0.0.1:" + port + "@evil.example",
                "http://evil.example@127.0.0.1:" + port,
                "ftp://127.0.0.1:" + port,
                "127.0.0.1:" + port,
                "not a url");
    }

    // ---- app paths -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void unsafeRequestWithSessionCookieFromTheAppsOwnOriginIsServed(String method) {
        assertServedSignedIn(cookieBearing().request(method, "/app/x", "{}", "Origin", server.origin()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void unsafeRequestWithSessionCookieButNoOriginOrRefererIsRefused(String method) {
        assertRefused(cookieBearing().request(method, "/app/x", "{}"), "MISSING_OR_NULL_ORIGIN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void unsafeRequestWithSessionCookieFromAnotherSiteIsRefused(String method) {
        assertRefused(cookieBearing().request(method, "/app/x", "{}", "Origin", "https://evil.example"),
                "INVALID_ORIGIN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PROPFIND", "MKCOL", "post"})
    void nonStandardAndLowerCaseMethodsCountAsUnsafe(String method) {
        assertRefused(cookieBearing().request(method, "/app/x", "{}", "Origin", "https://evil.example"),
                "INVALID_ORIGIN");
    }

    @Test
    void nullOriginIsRefusedAsMissing() {
        assertRefused(cookieBearing().post("/app/x", "{}", "Origin", "null"), "MISSING_OR_NULL_ORIGIN");
    }

    @Test
    void nullOriginIsRefusedEvenWithATrustedReferer() {
        assertRefused(cookieBearing().post("/app/x", "{}", "Origin", "null", "Referer", server.url("/app/form")),
                "MISSING_OR_NULL_ORIGIN");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untrustedOrigins")
    void lookalikeOriginsAreRefused(String origin) {
        assertRefused(cookieBearing().post("/app/x", "{}", "Origin", origin), "INVALID_ORIGIN");
    }

    @Test
    void originComparisonIgnoresSchemeAndHostCase() {
        assertServedSignedIn(cookieBearing().post("/app/x", "{}", "Origin", "HTTP://127.0.0.1:" + server.port()));
    }

    @Test
    void refererFromTheAppsOwnOriginIsAcceptedWhenOriginIsAbsent() {
        assertServedSignedIn(cookieBearing().post("/app/x", "{}", "Referer", server.url("/some/page")));
        assertServedSignedIn(cookieBearing().post("/app/x", "{}", "Referer", server.url("/some/page?with=query#frag")));
    }

    @Test
    void refererFromAnotherSiteIsRefused() {
        assertRefused(cookieBearing().post("/app/x", "{}", "Referer", "https://evil.example/page"), "INVALID_ORIGIN");
        assertRefused(cookieBearing().post("/app/x", "{}", "Referer",
                "https://evil.example/?" + server.url("/some/page")), "INVALID_ORIGIN");
    }

    @Test
    void originTakesPrecedenceOverReferer() {
        assertRefused(cookieBearing().post("/app/x", "{}", "Origin", "https://evil.example",
                "Referer", server.url("/some/page")), "INVALID_ORIGIN");
    }

    @Test
    void unmatchedAppPathsAreCheckedToo() {
        assertRefused(cookieBearing().post("/anything", "{}", "Origin", "https://evil.example"), "INVALID_ORIGIN");
        assertRefused(cookieBearing().post("/anything", "{}"), "MISSING_OR_NULL_ORIGIN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void safeMethodsAreNeverChecked(String method) {
        TestClient.Reply r = cookieBearing().request(method, "/app/x", null, "Origin", "https://evil.example",
                "Referer", "https://evil.example/");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void getFromAnotherSiteStillSeesTheSession() {
        assertServedSignedIn(cookieBearing().get("/app/x", "Origin", "https://evil.example"));
    }

    @Test
    void appPostWithoutSessionCookieNeedsNoOrigin() {
        TestClient anonymous = server.client().withoutOrigin();
        TestClient.Reply r = anonymous.postForm("/contact", "message=hi");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isFalse();
        assertThat(anonymous.post("/contact", "{}", "Origin", "https://evil.example").status()).isEqualTo(200);
    }

    @Test
    void appPostWithoutSessionCookieToAProtectedPathIsStill401Not403() {
        TestClient.Reply r = server.client().withoutOrigin().post("/app/x", "{}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void refusedRequestLeavesTheSessionAlone() {
        assertRefused(cookieBearing().post("/api/auth/sign-out", "{}", "Origin", "https://evil.example"),
                "INVALID_ORIGIN");
        assertSessionStillValid();
    }

    // ---- API paths ---------------------------------------------------------------------------------------------

    @Test
    void apiPostWithSessionCookieButNoOriginIsRefused() {
        assertRefused(cookieBearing().post("/api/auth/sign-out", "{}"), "MISSING_OR_NULL_ORIGIN");
        assertRefused(cookieBearing().post("/api/auth/revoke-sessions", "{}"), "MISSING_OR_NULL_ORIGIN");
        assertSessionStillValid();
    }

    @Test
    void apiPostWithSessionCookieFromAnotherSiteIsRefused() {
        assertRefused(cookieBearing().post("/api/auth/revoke-sessions", "{}", "Origin", "https://evil.example"),
                "INVALID_ORIGIN");
        assertRefused(cookieBearing().post("/api/auth/update-user", "{\"name\":\"Mallory\"}",
                "Referer", "https://evil.example/x"), "INVALID_ORIGIN");
        assertSessionStillValid();
        assertThat(cookieBearing().getSession().json().path("user").path("name").asText()).isEqualTo("Csrf Tester");
    }

    @Test
    void apiPostWithSessionCookieFromTheAppsOwnOriginPassesTheCheck() {
        TestClient.Reply r = cookieBearing().post("/api/auth/update-session", "{}", "Origin", server.origin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        TestClient.Reply viaReferer = cookieBearing().post("/api/auth/update-session", "{}",
                "Referer", server.url("/settings"));
        assertThat(viaReferer.status()).as(viaReferer.body()).isEqualTo(200);
    }

    @Test
    void apiGetIsNeverChecked() {
        TestClient.Reply r = cookieBearing().get("/api/auth/get-session", "Origin", "https://evil.example");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("user").path("email").asText()).isEqualTo(EMAIL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
        "text/plain", "text/plain;charset=UTF-8", "Application/X-WWW-Form-Urlencoded"})
    void formLikeApiPostWithoutCookieAndWithoutOriginIsRefused(String contentType) {
        TestClient.Reply r = server.client().withoutOrigin().post("/api/auth/sign-in/email",
                "email=csrf%40example.com&password=correct+horse", "Content-Type", contentType);
        assertRefused(r, "MISSING_OR_NULL_ORIGIN");
        assertThat(r.setCookie(COOKIE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "text/plain"})
    void formLikeApiPostWithoutCookieFromAnotherSiteIsRefused(String contentType) {
        TestClient.Reply r = server.client().withoutOrigin().post("/api/auth/sign-in/email",
                "email=csrf%40example.com&password=correct+horse", "Content-Type", contentType,
                "Origin", "https://evil.example");
        assertRefused(r, "INVALID_ORIGIN");
        assertThat(r.setCookie(COOKIE)).isEmpty();
    }

    @Test
    void formSignInFromTheAppsOwnOriginPassesTheCheck() {
        TestClient browser = server.client().withoutOrigin();
        TestClient.Reply r = browser.postForm("/api/auth/sign-in/email",
                "email=csrf%40example.com&password=correct+horse", "Origin", server.origin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.setCookie(COOKIE)).isPresent();
    }

    @Test
    void jsonSignInWithoutCookieNeedsNoOriginLikeANonBrowserClient() {
        TestClient cli = server.client().withoutOrigin();
        TestClient.Reply r = cli.signIn(EMAIL, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("token").asText()).isNotEmpty();
    }

    @Test
    void jsonSignInWithoutCookieFromAnotherOriginIsNotRefusedByTheOriginCheck() {
        TestClient.Reply r = server.client().withoutOrigin().post("/api/auth/sign-in/email",
                TestClient.json(java.util.Map.of("email", EMAIL, "password", "wrong password")),
                "Origin", "https://evil.example");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void jsonApiPostWithSessionCookieAndNoOriginIsRefusedEvenForSignIn() {
        TestClient.Reply r = cookieBearing().signIn(EMAIL, PASSWORD);
        assertRefused(r, "MISSING_OR_NULL_ORIGIN");
        assertSessionStillValid();
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    @Test
    void trustedOriginsAreAcceptedBesideTheAppsOwnOrigin() {
        try (TestServer s = TestServer.start("protected", "/app/**",
                "trustedOrigins", "https://app.example.com, https://admin.example.com:8443")) {
            TestClient browser = s.client();
            assertThat(browser.signUp("Trusted", "trusted@example.com", PASSWORD).status()).isEqualTo(200);
            String value = browser.cookie(COOKIE).orElseThrow();
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Origin", "https://app.example.com"));
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Origin", "https://admin.example.com:8443"));
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Referer", "https://app.example.com/p"));
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Origin", s.origin()));
            assertRefused(cookieBearing(s, value).post("/app/x", "{}", "Origin", "https://other.example.com"),
                    "INVALID_ORIGIN");
            assertRefused(cookieBearing(s, value).post("/app/x", "{}", "Origin", "https://admin.example.com"),
                    "INVALID_ORIGIN");
        }
    }

    @Test
    void withBaseUrlSetTheBaseUrlIsTrustedInsteadOfTheRequestsOwnOrigin() {
        try (TestServer s = TestServer.start("protected", "/app/**", "baseURL", "http://app.test:8080")) {
            TestClient browser = s.client();
            assertThat(browser.signUp("Based", "based@example.com", PASSWORD).status()).isEqualTo(200);
            String value = browser.cookie(COOKIE).orElseThrow();
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Origin", "http://app.test:8080"));
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Referer", "http://app.test:8080/page"));
            assertRefused(cookieBearing(s, value).post("/app/x", "{}", "Origin", s.origin()), "INVALID_ORIGIN");
            assertRefused(cookieBearing(s, value).post("/app/x", "{}", "Origin", "http://app.test"), "INVALID_ORIGIN");
        }
    }

    @Test
    void csrfProtectionOffDisablesTheOriginCheck() {
        try (TestServer s = TestServer.start("protected", "/app/**", "security.csrfProtection", "false")) {
            TestClient browser = s.client();
            assertThat(browser.signUp("Unchecked", "unchecked@example.com", PASSWORD).status()).isEqualTo(200);
            String value = browser.cookie(COOKIE).orElseThrow();
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Origin", "https://evil.example"));
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}"));
            assertServedSignedIn(cookieBearing(s, value).post("/app/x", "{}", "Origin", "null"));
            TestClient.Reply form = s.client().withoutOrigin().postForm("/api/auth/sign-in/email",
                    "email=unchecked%40example.com&password=correct+horse");
            assertThat(form.status()).as(form.body()).isEqualTo(200);
        }
    }
}
