package dev.sessionauth.filter;

import dev.sessionauth.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With {@code loginPage} set, a browser navigating to a protected page is sent there with the page it wanted;
 * everything that is not an HTML GET/HEAD still gets the 401 JSON answer. And settings that would lock everybody
 * out, or patterns that cannot be parsed, stop start-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginRedirectTest {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start("protected", "/app/**", "public", "/app/open/**", "loginPage", "/login");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private static String redirectTo(String original) {
        return "/login?redirect=" + URLEncoder.encode(original, StandardCharsets.UTF_8);
    }

    @Test
    void htmlGetToAProtectedPageRedirectsToTheLoginPageWithTheOriginalPathAndQuery() {
        TestClient.Reply r = server.client().get("/app/secret?a=1&b=2", "Accept", BROWSER_ACCEPT);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).hasValue("/login?redirect=%2Fapp%2Fsecret%3Fa%3D1%26b%3D2");
        assertThat(r.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void redirectWithoutQueryCarriesJustThePath() {
        TestClient.Reply r = server.client().get("/app/reports/2024", "Accept", "text/html");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).hasValue(redirectTo("/app/reports/2024"));
    }

    @Test
    void encodedCharactersInTheOriginalQueryAreEncodedAgainInsideTheRedirectParameter() {
        TestClient.Reply r = server.client().get("/app/search?q=a%20b&next=%2Fx", "Accept", "text/html");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).hasValue(redirectTo("/app/search?q=a%20b&next=%2Fx"));
    }

    @Test
    void htmlHeadIsRedirectedLikeGet() {
        TestClient.Reply r = server.client().request("HEAD", "/app/secret", null, "Accept", "text/html");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).hasValue(redirectTo("/app/secret"));
    }

    @Test
    void protectedPageReachedThroughDotSegmentsIsRedirectedToo() {
        RawClient.Response r = RawClient.get(server.port(), "/app/open/../secret", "Accept", "text/html");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location").orElseThrow()).startsWith("/login?redirect=");
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/json", "*/*", "application/json, text/plain"})
    void nonHtmlGetStillAnswers401Json(String accept) {
        TestClient.Reply r = server.client().get("/app/secret", "Accept", accept);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
        assertThat(r.header("Location")).isEmpty();
    }

    @Test
    void getWithoutAcceptHeaderAnswers401Json() {
        RawClient.Response r = RawClient.get(server.port(), "/app/secret");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void unsafeMethodWithHtmlAcceptStillAnswers401Json(String method) {
        TestClient.Reply r = server.client().request(method, "/app/secret", "a=1", "Accept", "text/html",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
        assertThat(r.header("Location")).isEmpty();
    }

    @Test
    void theLoginPageItselfAndPublicPagesAreServedWithoutSession() {
        TestClient browser = server.client();
        TestClient.Reply login = browser.get("/login?redirect=%2Fapp%2Fsecret", "Accept", "text/html");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("signedIn").asBoolean()).isFalse();
        assertThat(browser.get("/app/open/help", "Accept", "text/html").status()).isEqualTo(200);
    }

    @Test
    void signedInBrowserIsNotRedirected() {
        TestClient browser = server.client();
        assertThat(browser.signUp("Redirected", "redirect@example.com", "correct horse").status()).isEqualTo(200);
        TestClient.Reply r = browser.get("/app/secret", "Accept", "text/html");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isTrue();
    }

    @Test
    void forgedCookieOnAnHtmlGetIsRedirectedToo() {
        TestClient browser = server.client();
        browser.putCookie("sessionauth.session_token", "forged.value");
        TestClient.Reply r = browser.get("/app/secret", "Accept", "text/html");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).hasValue(redirectTo("/app/secret"));
    }

    @Test
    void withoutLoginPageAnHtmlGetAnswers401Json() {
        try (TestServer s = TestServer.start("protected", "/app/**")) {
            TestClient.Reply r = s.client().get("/app/x", "Accept", "text/html");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("UNAUTHORIZED");
        }
    }

    // ---- start-up failures ----------------------------------------------------------------------------------

    @Test
    void loginPageInsideTheProtectedAreaStopsStartUp() {
        assertThatThrownBy(() -> TestServer.start("protected", "/**", "loginPage", "/login").close())
                .hasMessageContaining("loginPage");
        assertThatThrownBy(() -> TestServer.start("protected", "/app/**", "loginPage", "/app/login").close())
                .hasMessageContaining("loginPage");
    }

    @Test
    void loginPageProtectedOnlyByCaseInsensitiveMatchingStopsStartUpToo() {
        assertThatThrownBy(() -> TestServer.start("protected", "/app/**", "loginPage", "/APP/login").close())
                .hasMessageContaining("loginPage");
    }

    @Test
    void loginPageMadePublicInsideTheProtectedAreaStartsAndIsReachable() {
        try (TestServer s = TestServer.start("protected", "/**", "public", "/login,/api/auth/**",
                "loginPage", "/login")) {
            TestClient browser = s.client();
            assertThat(browser.get("/login", "Accept", "text/html").status()).isEqualTo(200);
            TestClient.Reply r = browser.get("/anything", "Accept", "text/html");
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("Location")).hasValue(redirectTo("/anything"));
        }
    }

    @ParameterizedTest(name = "protected={0}")
    @ValueSource(strings = {"/admin*", "admin/**", "/**/x", "/a/:1bad", "/a//b", "/a/%2e"})
    void malformedProtectedPatternStopsStartUpNamingTheSetting(String pattern) {
        assertThatThrownBy(() -> TestServer.start("protected", pattern).close())
                .hasMessageContaining("protected");
    }

    @ParameterizedTest(name = "public={0}")
    @ValueSource(strings = {"/admin*", "admin/**", "/**/x", "/a/:1bad"})
    void malformedPublicPatternStopsStartUpNamingTheSetting(String pattern) {
        assertThatThrownBy(() -> TestServer.start("protected", "/app/**", "public", pattern).close())
                .hasMessageContaining("public");
    }
}
