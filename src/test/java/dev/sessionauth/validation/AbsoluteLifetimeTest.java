package dev.sessionauth.validation;

import static dev.sessionauth.testing.TestClient.maxAgeOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code session.absoluteMaxAge}: however often the user comes back, a session ends that long after its sign-in;
 * neither the sliding refresh nor refresh-session moves its expiry (or the cookie's Max-Age) past the cap.
 * {@code 0} means no cap.
 */
class AbsoluteLifetimeTest {
    private static final String TOKEN = "sessionauth.session_token";

    private final MutableClock clock = new MutableClock();
    private final Instant start = clock.instant();
    private TestServer server;
    private TestClient browser;

    private void start(String... settings) {
        server = TestServer.builder().clock(clock).set("protected", "/app/**").settings(settings).start();
        browser = server.client();
        assertThat(browser.signUp("Abs", "abs@example.com", "correct horse battery staple").status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Instant expiresAt() {
        TestClient.Reply r = browser.get("/api/auth/get-session?disableRefresh=true");
        assertThat(r.body()).isNotEqualTo("null");
        return Instant.parse(r.json().path("session").path("expiresAt").asText());
    }

    /** Comes back every {@code step} until {@code until} after sign-in; every visit must pass. */
    private void stayActive(Duration step, Duration until) {
        while (Duration.between(start, clock.instant()).plus(step).compareTo(until) <= 0) {
            clock.advance(step);
            TestClient.Reply r = browser.get("/app/x");
            assertThat(r.status()).as("at %s: %s", Duration.between(start, clock.instant()), r.body()).isEqualTo(200);
        }
    }

    @Test
    void continuousActivityCannotKeepASessionPastTheAbsoluteLifetime() {
        start("session.absoluteMaxAge", "10d");
        stayActive(Duration.ofHours(25), Duration.ofDays(10).minusSeconds(1));
        clock.advance(Duration.between(clock.instant(), start.plus(Duration.ofDays(10)).minusSeconds(1)));
        assertThat(browser.get("/app/x").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("SESSION_EXPIRED");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session")).isZero();
    }

    @Test
    void theSlidingRefreshCapsExpiryAndCookieMaxAgeAtTheAbsoluteLimit() {
        start("session.absoluteMaxAge", "10d");
        clock.advance(Duration.ofDays(5));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(maxAgeOf(r.setCookie(TOKEN).orElseThrow())).isEqualTo(Duration.ofDays(5).toSeconds());
        assertThat(expiresAt()).isEqualTo(start.plus(Duration.ofDays(10)));
    }

    @Test
    void refreshSessionCannotPassTheAbsoluteLimit() {
        start("session.absoluteMaxAge", "10d");
        clock.advance(Duration.ofDays(4));
        assertThat(browser.get("/app/x").status()).isEqualTo(200);
        clock.advance(Duration.ofDays(4));
        TestClient.Reply r = browser.post("/api/auth/refresh-session", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(r.json().path("session").path("expiresAt").asText()))
                .isEqualTo(start.plus(Duration.ofDays(10)));
        assertThat(maxAgeOf(r.setCookie(TOKEN).orElseThrow())).isLessThanOrEqualTo(Duration.ofDays(2).toSeconds());
    }

    @Test
    void theDefaultCapIsThirtyDays() {
        start();
        stayActive(Duration.ofDays(6), Duration.ofDays(29));
        clock.advance(Duration.between(clock.instant(), start.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertThat(browser.get("/app/x").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        TestClient.Reply r = browser.get("/app/x");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("SESSION_EXPIRED");
    }

    @Test
    void zeroMeansNoCap() {
        start("session.absoluteMaxAge", "0");
        stayActive(Duration.ofDays(6), Duration.ofDays(66));
        assertThat(expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void aBearerClientIsCappedToo() {
        start("session.absoluteMaxAge", "8d");
        String token = server.client().post("/api/auth/sign-in/email",
                "{\"email\":\"abs@example.com\",\"password\":\"correct horse battery staple\"}").json()
                .path("token").asText();
        TestClient bearer = server.client().withoutOrigin().header("Authorization", "Bearer " + token);
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofHours(26));
            assertThat(bearer.get("/app/x").status()).isEqualTo(200);
        }
        clock.advance(Duration.ofHours(12));
        TestClient.Reply r = bearer.get("/app/x");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("SESSION_EXPIRED");
    }
}
