package dev.sessionauth.filter;

import static dev.sessionauth.testing.TestClient.maxAgeOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sliding refresh as the filter performs it, with a clock the test moves: nothing is written before
 * {@code session.updateAge}, the cookie and expiry move after it, and an idle session expires after
 * {@code session.maxAge}, reported once.
 */
class SlidingRefreshTest {
    private static final String COOKIE = "sessionauth.session_token";
    private static final Duration SEVEN_DAYS = Duration.ofDays(7);

    private final MutableClock clock = new MutableClock();
    private final Instant start = clock.instant();
    private TestServer server;
    private TestClient browser;

    @BeforeEach
    void startServerAndSignIn() {
        server = TestServer.builder().clock(clock).set("protected", "/app/**").start();
        browser = server.client();
        assertThat(browser.signUp("Slider", "slider@example.com", "correct horse").status()).isEqualTo(200);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Instant expiresAt() {
        TestClient.Reply r = browser.get("/api/auth/get-session?disableRefresh=true");
        assertThat(r.status()).isEqualTo(200);
        return Instant.parse(r.json().path("session").path("expiresAt").asText());
    }

    @Test
    void beforeUpdateAgeARequestReSetsNothing() {
        clock.advance(Duration.ofHours(23));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.allHeaders("Set-Cookie")).isEmpty();
        assertThat(expiresAt()).isEqualTo(start.plus(SEVEN_DAYS));
    }

    @Test
    void afterUpdateAgeAProtectedRequestReSetsTheCookieAndMovesTheExpiry() {
        String before = browser.cookie(COOKIE).orElseThrow();
        clock.advance(Duration.ofHours(25));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(200);
        String header = r.setCookie(COOKIE).orElseThrow(() -> new AssertionError("no refresh: " + r.headers()));
        assertThat(maxAgeOf(header)).isEqualTo(SEVEN_DAYS.toSeconds());
        assertThat(header).contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax");
        assertThat(browser.cookie(COOKIE)).as("same session, same token").hasValue(before);
        assertThat(expiresAt()).isEqualTo(start.plus(Duration.ofHours(25)).plus(SEVEN_DAYS));
    }

    @Test
    void afterARefreshTheNextRequestReSetsNothing() {
        clock.advance(Duration.ofHours(25));
        assertThat(browser.get("/app/x").setCookie(COOKIE)).isPresent();
        clock.advance(Duration.ofHours(1));
        assertThat(browser.get("/app/x").allHeaders("Set-Cookie")).isEmpty();
        assertThat(browser.get("/elsewhere").allHeaders("Set-Cookie")).isEmpty();
    }

    @Test
    void getSessionWithDisableRefreshDoesNotRefresh() {
        clock.advance(Duration.ofHours(25));
        TestClient.Reply r = browser.get("/api/auth/get-session?disableRefresh=true");
        assertThat(r.allHeaders("Set-Cookie")).isEmpty();
        assertThat(expiresAt()).isEqualTo(start.plus(SEVEN_DAYS));
    }

    @Test
    void afterMaxAgeWithoutActivityAProtectedPathAnswersSessionExpiredOnce() {
        String cookie = browser.cookie(COOKIE).orElseThrow();
        clock.advance(SEVEN_DAYS.plusSeconds(1));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("SESSION_EXPIRED");
        assertThat(r.setCookie(COOKIE).orElseThrow()).contains("Max-Age=0");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session")).as("the expired row is deleted").isZero();

        TestClient replay = server.client();
        replay.putCookie(COOKIE, cookie);
        TestClient.Reply again = replay.get("/app/x");
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void expiredSessionOnAnUnmatchedPathIsReportedToTheAppOnce() {
        String cookie = browser.cookie(COOKIE).orElseThrow();
        clock.advance(SEVEN_DAYS.plusSeconds(1));
        TestClient.Reply r = browser.get("/elsewhere");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isFalse();
        assertThat(r.json().path("expired").asBoolean()).isTrue();

        TestClient replay = server.client();
        replay.putCookie(COOKIE, cookie);
        assertThat(replay.get("/elsewhere").json().path("expired").asBoolean()).isFalse();
    }

    @Test
    void regularActivityKeepsTheSessionAliveUntilTheAbsoluteCap() {
        for (int day = 2; day <= 28; day += 2) {
            clock.advance(Duration.ofDays(2));
            TestClient.Reply r = browser.get("/app/x");
            assertThat(r.status()).as("day %d", day).isEqualTo(200);
        }
        assertThat(expiresAt()).as("never past sign-in + 30d").isEqualTo(start.plus(Duration.ofDays(30)));
        clock.advance(Duration.ofDays(1).plusHours(23));
        assertThat(browser.get("/app/x").status()).isEqualTo(200);
        clock.advance(Duration.ofHours(1));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("SESSION_EXPIRED");
    }

    @Test
    void refreshNearTheAbsoluteCapSetsAMaxAgeThatEndsAtTheCap() {
        for (int day = 2; day <= 22; day += 2) {
            clock.advance(Duration.ofDays(2));
            assertThat(browser.get("/app/x").status()).isEqualTo(200);
        }
        clock.advance(Duration.ofDays(2));
        TestClient.Reply r = browser.get("/app/x");
        // day 24: now + 7d would be day 31, but the cap is day 30
        assertThat(maxAgeOf(r.setCookie(COOKIE).orElseThrow())).isEqualTo(Duration.ofDays(6).toSeconds());
        assertThat(expiresAt()).isEqualTo(start.plus(Duration.ofDays(30)));
    }

    @Test
    void browserSessionIsNeverSlidAndEndsAfterADay() {
        TestClient shortLived = server.client();
        TestClient.Reply in = shortLived.post("/api/auth/sign-in/email", TestClient.json(Map.of(
                "email", "slider@example.com", "password", "correct horse", "rememberMe", false)));
        assertThat(in.status()).isEqualTo(200);
        clock.advance(Duration.ofHours(23));
        TestClient.Reply r = shortLived.get("/app/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.allHeaders("Set-Cookie")).isEmpty();
        clock.advance(Duration.ofHours(2));
        TestClient.Reply late = shortLived.get("/app/x");
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.code()).isEqualTo("SESSION_EXPIRED");
    }
}
