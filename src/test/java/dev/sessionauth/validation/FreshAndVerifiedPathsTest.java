package dev.sessionauth.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter's per-path demands: {@code fresh=/settings/security/**} needs a sign-in younger than
 * {@code session.freshAge} (403 SESSION_NOT_FRESH for JSON, a redirect to the login page with the reason for an
 * HTML GET), {@code verified=/billing/**} needs a verified address (403 EMAIL_NOT_VERIFIED). Both imply a session.
 */
class FreshAndVerifiedPathsTest {
    private static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String EMAIL = "paths@example.com";

    private final MutableClock clock = new MutableClock();
    private TestServer server;
    private TestClient browser;

    @BeforeEach
    void start() {
        server = TestServer.builder().clock(clock).set("protected", "/app/**").set("loginPage", "/login")
                .set("fresh", "/settings/security/**").set("verified", "/billing/**").start();
        browser = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void signUp() {
        assertThat(browser.signUp("Paths", EMAIL, PASSWORD).status()).isEqualTo(200);
    }

    private static void assertError(TestClient.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        assertThat(r.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    private static void assertPasses(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isTrue();
    }

    // ---- fresh ------------------------------------------------------------------------------------------------

    @Test
    void aFreshPathNeedsASessionInTheFirstPlace() {
        assertError(browser.get("/settings/security/password"), 401, "UNAUTHORIZED");
        TestClient.Reply html = browser.get("/settings/security/password", "Accept", HTML);
        assertThat(html.status()).isEqualTo(302);
        assertThat(html.header("Location")).hasValue("/login?redirect=%2Fsettings%2Fsecurity%2Fpassword");
    }

    @Test
    void aRecentSignInPassesAFreshPath() {
        signUp();
        clock.advance(Duration.ofHours(23));
        assertPasses(browser.get("/settings/security/password"));
    }

    @Test
    void aSignInOlderThanFreshAgeGets403SessionNotFreshAsJson() {
        signUp();
        clock.advance(Duration.ofHours(25));
        assertError(browser.get("/settings/security/password"), 403, "SESSION_NOT_FRESH");
    }

    @Test
    void anHtmlGetWithAStaleSignInIsSentToTheLoginPageWithTheReason() {
        signUp();
        clock.advance(Duration.ofHours(25));
        TestClient.Reply r = browser.get("/settings/security/password?tab=2", "Accept", HTML);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location"))
                .hasValue("/login?redirect=%2Fsettings%2Fsecurity%2Fpassword%3Ftab%3D2&reason=SESSION_NOT_FRESH");
        assertThat(r.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void aPostWithAStaleSignInGetsTheJsonAnswerEvenWhenItAcceptsHtml() {
        signUp();
        clock.advance(Duration.ofHours(25));
        assertError(browser.post("/settings/security/password", "{}", "Accept", HTML), 403, "SESSION_NOT_FRESH");
    }

    @Test
    void aStaleSignInStillPassesEverywhereElseAndStaysSignedIn() {
        signUp();
        clock.advance(Duration.ofHours(25));
        assertError(browser.get("/settings/security/password"), 403, "SESSION_NOT_FRESH");
        assertPasses(browser.get("/app/x"));
        assertPasses(browser.get("/settings/profile"));
        assertThat(browser.getSession().body()).isNotEqualTo("null");
    }

    @Test
    void signingInAgainOpensTheFreshPath() {
        signUp();
        clock.advance(Duration.ofDays(3));
        assertError(browser.get("/settings/security/password"), 403, "SESSION_NOT_FRESH");
        assertThat(browser.signIn(EMAIL, PASSWORD).status()).isEqualTo(200);
        assertPasses(browser.get("/settings/security/password"));
    }

    @Test
    void freshAgeComesFromTheSetting() {
        server.close();
        server = TestServer.builder().clock(clock).set("fresh", "/settings/security/**")
                .set("session.freshAge", "5m").start();
        browser = server.client();
        signUp();
        clock.advance(Duration.ofMinutes(4));
        assertPasses(browser.get("/settings/security/password"));
        clock.advance(Duration.ofMinutes(1));
        assertError(browser.get("/settings/security/password"), 403, "SESSION_NOT_FRESH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/settings//security/password", "/settings/./security/password",
            "/settings/x/../security/password", "/settings/%73ecurity/password", "/settings/security;x=1/password"})
    void spellingsOfAFreshPathAreCheckedToo(String path) {
        signUp();
        clock.advance(Duration.ofHours(25));
        TestClient.Reply r = browser.get(path);
        assertThat(r.status()).as("%s -> %s", path, r.body()).isIn(400, 403);
    }

    // ---- verified ---------------------------------------------------------------------------------------------

    @Test
    void aVerifiedPathNeedsASession() {
        assertError(browser.get("/billing/invoices"), 401, "UNAUTHORIZED");
    }

    @Test
    void anUnverifiedUserGets403EmailNotVerifiedOnAVerifiedPath() {
        signUp();
        assertError(browser.get("/billing/invoices"), 403, "EMAIL_NOT_VERIFIED");
        assertPasses(browser.get("/app/x"));
    }

    @Test
    void onceTheAddressIsVerifiedTheVerifiedPathOpens() {
        signUp();
        assertError(browser.get("/billing/invoices"), 403, "EMAIL_NOT_VERIFIED");
        Accounts.markVerified(server, EMAIL);
        assertPasses(browser.get("/billing/invoices"));
    }

    @Test
    void aVerifiedPathDoesNotAlsoDemandFreshness() {
        signUp();
        Accounts.markVerified(server, EMAIL);
        clock.advance(Duration.ofDays(3));
        assertPasses(browser.get("/billing/invoices"));
    }

    // ---- from init-params -------------------------------------------------------------------------------------

    @Test
    void theSameDemandsWorkWhenConfiguredByInitParams() {
        try (TestServer s = TestServer.builder().viaInitParams().set("verified", "/billing/**")
                .set("fresh", "/settings/security/**").start()) {
            TestClient b = s.client();
            assertError(b.get("/settings/security/password"), 401, "UNAUTHORIZED");
            assertError(b.get("/billing/invoices"), 401, "UNAUTHORIZED");
            assertThat(b.signUp("Init", "init@example.com", PASSWORD).status()).isEqualTo(200);
            assertPasses(b.get("/settings/security/password"));
            assertError(b.get("/billing/invoices"), 403, "EMAIL_NOT_VERIFIED");
            Accounts.markVerified(s, "init@example.com");
            assertPasses(b.get("/billing/invoices"));
            assertPasses(b.get("/elsewhere"));
        }
    }

    @Test
    void aMalformedPatternStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("fresh", "/settings*").start().close())
                .hasMessageContaining("fresh");
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("verified", "billing/**").start().close())
                .hasMessageContaining("verified");
    }

    @Test
    void signInThroughTheApiIsNotItselfSubjectToFreshness() {
        server.close();
        server = TestServer.builder().clock(clock).set("fresh", "/**").set("public", "/api/**").start();
        browser = server.client();
        signUp();
        clock.advance(Duration.ofDays(2));
        assertError(browser.get("/anything"), 403, "SESSION_NOT_FRESH");
        assertThat(browser.signIn(EMAIL, PASSWORD).status()).isEqualTo(200);
        assertPasses(browser.get("/anything"));
    }
}
