package dev.sessionauth.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rememberMe:false}: a browser-session cookie (no {@code Max-Age}), a row that lives one day and never
 * slides, and the {@code dont_remember} marker signed like the token; a later remembered sign-in and sign-out
 * expire the marker.
 */
class RememberMeTest {
    private static final String TOKEN = "sessionauth.session_token";
    private static final String MARKER = "sessionauth.dont_remember";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String EMAIL = "remember@example.com";

    private final MutableClock clock = new MutableClock();
    private final Instant start = clock.instant();
    private TestServer server;
    private TestClient browser;

    @BeforeEach
    void start() {
        server = TestServer.builder().clock(clock).set("protected", "/app/**").start();
        browser = server.client();
        assertThat(server.client().signUp("Remember", EMAIL, PASSWORD).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestClient.Reply signIn(TestClient b, Boolean rememberMe) {
        Map<String, Object> body = rememberMe == null ? Map.of("email", EMAIL, "password", PASSWORD)
                : Map.of("email", EMAIL, "password", PASSWORD, "rememberMe", rememberMe);
        TestClient.Reply r = b.post("/api/auth/sign-in/email", TestClient.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private Instant expiresAt(TestClient b) {
        TestClient.Reply r = b.get("/api/auth/get-session?disableRefresh=true");
        assertThat(r.body()).isNotEqualTo("null");
        return Instant.parse(r.json().path("session").path("expiresAt").asText());
    }

    /** {@code value.base64url(HMAC-SHA256(secret, value))}, as DESIGN.md section 6 signs the token. */
    private static String signed(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestServer.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return value + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signInWithoutRememberMeSetsABrowserSessionCookie() {
        TestClient.Reply r = signIn(browser, false);
        String token = r.setCookie(TOKEN).orElseThrow();
        assertThat(token).doesNotContain("Max-Age").doesNotContain("Expires").contains("; HttpOnly")
                .contains("; Path=/").contains("; SameSite=Lax");
    }

    @Test
    void signInWithoutRememberMeSetsTheDontRememberMarkerSignedLikeTheToken() throws Exception {
        TestClient.Reply r = signIn(browser, false);
        String marker = r.setCookie(MARKER).orElseThrow(() -> new AssertionError("no marker: " + r.headers()));
        assertThat(marker).startsWith(MARKER + "=" + signed("true") + ";");
        assertThat(marker).doesNotContain("Max-Age").doesNotContain("Expires").contains("; HttpOnly")
                .contains("; Path=/").contains("; SameSite=Lax");
        assertThat(browser.cookie(MARKER)).hasValue(signed("true"));
    }

    @Test
    void signUpWithoutRememberMeAlsoGivesTheMarkerAndABrowserSessionCookie() throws Exception {
        TestClient.Reply r = server.client().post("/api/auth/sign-up/email", TestClient.json(Map.of("name", "B",
                "email", "browser-only@example.com", "password", PASSWORD, "rememberMe", false)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.setCookie(TOKEN).orElseThrow()).doesNotContain("Max-Age");
        assertThat(r.setCookie(MARKER).orElseThrow()).startsWith(MARKER + "=" + signed("true") + ";");
    }

    @Test
    void aRememberedSignInSetsNoMarkerAndASevenDayCookie() {
        TestClient.Reply r = signIn(browser, null);
        assertThat(r.setCookie(MARKER)).isEmpty();
        assertThat(r.setCookie(TOKEN).orElseThrow()).contains("; Max-Age=" + Duration.ofDays(7).toSeconds());
        assertThat(expiresAt(browser)).isEqualTo(start.plus(Duration.ofDays(7)));
    }

    @Test
    void theRowOfABrowserSessionLivesOneDay() {
        signIn(browser, false);
        assertThat(expiresAt(browser)).isEqualTo(start.plus(Duration.ofDays(1)));
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE remember = FALSE")).isEqualTo(1);
    }

    @Test
    void aBrowserSessionNeverSlidesAndEndsAfterOneDayWhateverTheActivity() {
        signIn(browser, false);
        for (int hour = 1; hour <= 23; hour++) {
            clock.advance(Duration.ofHours(1));
            TestClient.Reply r = browser.get("/app/x");
            assertThat(r.status()).as("hour %d", hour).isEqualTo(200);
            assertThat(r.setCookie(TOKEN)).as("hour %d", hour).isEmpty();
        }
        assertThat(expiresAt(browser)).isEqualTo(start.plus(Duration.ofDays(1)));
        clock.advance(Duration.ofHours(1));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("SESSION_EXPIRED");
    }

    @Test
    void refreshSessionDoesNotExtendABrowserSession() {
        signIn(browser, false);
        clock.advance(Duration.ofHours(12));
        TestClient.Reply r = browser.post("/api/auth/refresh-session", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(r.json().path("session").path("expiresAt").asText()))
                .isEqualTo(start.plus(Duration.ofDays(1)));
        r.setCookie(TOKEN).ifPresent(h -> assertThat(h).doesNotContain("Max-Age"));
        assertThat(expiresAt(browser)).isEqualTo(start.plus(Duration.ofDays(1)));
    }

    @Test
    void aLaterRememberedSignInExpiresTheMarkerTheBrowserSent() {
        signIn(browser, false);
        assertThat(browser.cookie(MARKER)).isPresent();
        TestClient.Reply r = signIn(browser, true);
        String marker = r.setCookie(MARKER).orElseThrow(() -> new AssertionError("marker kept: " + r.headers()));
        assertThat(marker).contains("Max-Age=0");
        assertThat(browser.cookie(MARKER)).isEmpty();
        assertThat(r.setCookie(TOKEN).orElseThrow()).contains("; Max-Age=" + Duration.ofDays(7).toSeconds());
        assertThat(expiresAt(browser)).isEqualTo(start.plus(Duration.ofDays(7)));
    }

    @Test
    void aLaterBrowserSessionSignInKeepsTheMarker() throws Exception {
        signIn(browser, false);
        TestClient.Reply r = signIn(browser, false);
        assertThat(r.setCookie(MARKER).orElseThrow()).startsWith(MARKER + "=" + signed("true") + ";");
        assertThat(browser.cookie(MARKER)).isPresent();
    }

    @Test
    void signOutExpiresTheMarker() {
        signIn(browser, false);
        TestClient.Reply r = browser.post("/api/auth/sign-out", "{}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.setCookie(MARKER).orElseThrow()).contains("Max-Age=0");
        assertThat(browser.cookie(MARKER)).isEmpty();
        assertThat(browser.cookie(TOKEN)).isEmpty();
    }

    @Test
    void aRememberedSessionStillSlides() {
        signIn(browser, true);
        clock.advance(Duration.ofHours(25));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.setCookie(TOKEN)).isPresent();
        assertThat(expiresAt(browser)).isEqualTo(start.plus(Duration.ofHours(25)).plus(Duration.ofDays(7)));
    }
}
