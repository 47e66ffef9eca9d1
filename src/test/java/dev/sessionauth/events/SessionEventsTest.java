package dev.sessionauth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.events.Recorder.Event;
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
 * What a {@code SessionListener} hears: created (sign-up, sign-in), refreshed (sliding or explicit), revoked with
 * its reason (sign-out, revoke, revoke-others, revoke-all, replaced by a new sign-in in the same browser) and
 * expired (found past its expiry by a request), each once, on a background thread.
 */
class SessionEventsTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String EMAIL = "events@example.com";

    private final MutableClock clock = new MutableClock();
    private final Recorder recorder = new Recorder();
    private TestServer server;
    private TestClient browser;
    private String userId;
    private String sessionId;

    @BeforeEach
    void start() {
        server = TestServer.builder().clock(clock).listener(recorder).set("protected", "/app/**").start();
        browser = server.client();
        TestClient.Reply up = browser.signUp("Events", EMAIL, PASSWORD);
        assertThat(up.status()).isEqualTo(200);
        userId = up.json().path("user").path("id").asText();
        sessionId = sessionIdOf(browser);
        Event created = recorder.next();
        assertThat(created.kind()).isEqualTo("created");
        assertThat(created.sessionId()).isEqualTo(sessionId);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String sessionIdOf(TestClient b) {
        return b.get("/api/auth/get-session?disableRefresh=true").json().path("session").path("id").asText();
    }

    private TestClient signedInElsewhere() {
        TestClient b = server.client();
        assertThat(b.signIn(EMAIL, PASSWORD).status()).isEqualTo(200);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("created");
        return b;
    }

    @Test
    void signUpAnnouncesTheNewSessionWithItsUserOnABackgroundThread() {
        TestClient other = server.client();
        TestClient.Reply up = other.signUp("Other", "other-events@example.com", PASSWORD);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("created");
        assertThat(e.userId()).isEqualTo(up.json().path("user").path("id").asText());
        assertThat(e.sessionId()).isEqualTo(sessionIdOf(other));
        assertThat(e.thread()).isNotSameAs(Thread.currentThread());
        assertThat(e.thread().getName()).doesNotContain("qtp");
    }

    @Test
    void signInAnnouncesTheNewSession() {
        TestClient other = server.client();
        assertThat(other.signIn(EMAIL, PASSWORD).status()).isEqualTo(200);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("created");
        assertThat(e.userId()).isEqualTo(userId);
        assertThat(e.sessionId()).isEqualTo(sessionIdOf(other)).isNotEqualTo(sessionId);
    }

    @Test
    void signingInAgainInTheSameBrowserRevokesThePreviousSessionAsReplaced() {
        assertThat(browser.signIn(EMAIL, PASSWORD).status()).isEqualTo(200);
        String newSession = sessionIdOf(browser);
        assertThat(recorder.next(2)).extracting(Event::kind, Event::sessionId, Event::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("revoked", sessionId, "REPLACED"),
                        org.assertj.core.groups.Tuple.tuple("created", newSession, null));
    }

    @Test
    void signOutAnnouncesRevokedWithReasonSignOut() {
        assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("revoked");
        assertThat(e.reason()).isEqualTo("SIGN_OUT");
        assertThat(e.sessionId()).isEqualTo(sessionId);
        assertThat(e.userId()).isEqualTo(userId);
    }

    @Test
    void revokeSessionAnnouncesThatSessionWithReasonRevoke() {
        TestClient phone = signedInElsewhere();
        String phoneSession = sessionIdOf(phone);
        assertThat(browser.post("/api/auth/revoke-session", TestClient.json(Map.of("token", phoneSession))).status())
                .isEqualTo(200);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("revoked");
        assertThat(e.reason()).isEqualTo("REVOKE");
        assertThat(e.sessionId()).isEqualTo(phoneSession);
    }

    @Test
    void revokeOtherSessionsAnnouncesEachOtherSessionButNotTheCurrentOne() {
        String phone = sessionIdOf(signedInElsewhere());
        String laptop = sessionIdOf(signedInElsewhere());
        assertThat(browser.post("/api/auth/revoke-other-sessions", "{}").status()).isEqualTo(200);
        assertThat(recorder.next(2)).extracting(Event::kind, Event::sessionId, Event::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("revoked", phone, "REVOKE_OTHERS"),
                        org.assertj.core.groups.Tuple.tuple("revoked", laptop, "REVOKE_OTHERS"));
        assertNextEventIsTheMarker();
    }

    @Test
    void revokeSessionsAnnouncesEverySessionWithReasonRevokeAll() {
        String phone = sessionIdOf(signedInElsewhere());
        assertThat(browser.post("/api/auth/revoke-sessions", "{}").status()).isEqualTo(200);
        assertThat(recorder.next(2)).extracting(Event::kind, Event::sessionId, Event::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("revoked", sessionId, "REVOKE_ALL"),
                        org.assertj.core.groups.Tuple.tuple("revoked", phone, "REVOKE_ALL"));
        assertNextEventIsTheMarker();
    }

    @Test
    void theSlidingRefreshAnnouncesRefreshedWithTheNewExpiry() {
        clock.advance(Duration.ofHours(25));
        assertThat(browser.get("/app/x").status()).isEqualTo(200);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("refreshed");
        assertThat(e.sessionId()).isEqualTo(sessionId);
        assertThat(Instant.parse(e.expiresAt())).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void refreshSessionAnnouncesRefreshed() {
        clock.advance(Duration.ofHours(2));
        assertThat(browser.post("/api/auth/refresh-session", "{}").status()).isEqualTo(200);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("refreshed");
        assertThat(e.sessionId()).isEqualTo(sessionId);
        assertThat(Instant.parse(e.expiresAt())).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void anExpiredSessionIsAnnouncedOnceWhenARequestFindsIt() {
        String cookie = browser.cookie("sessionauth.session_token").orElseThrow();
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(browser.get("/app/x").status()).isEqualTo(401);
        Event e = recorder.next();
        assertThat(e.kind()).isEqualTo("expired");
        assertThat(e.sessionId()).isEqualTo(sessionId);
        assertThat(e.userId()).isEqualTo(userId);

        TestClient replay = server.client();
        replay.putCookie("sessionauth.session_token", cookie);
        assertThat(replay.get("/app/x").status()).isEqualTo(401);
        assertNextEventIsTheMarker();
    }

    @Test
    void failedAttemptsAndForeignHandlesAnnounceNothing() {
        assertThat(server.client().signIn(EMAIL, "wrong password!").status()).isEqualTo(401);
        assertThat(browser.post("/api/auth/revoke-session", TestClient.json(Map.of("token", "no-such-session")))
                .status()).isEqualTo(200);
        TestClient stranger = server.client();
        assertThat(stranger.signUp("Stranger", "stranger-events@example.com", PASSWORD).status()).isEqualTo(200);
        assertThat(recorder.next().kind()).isEqualTo("created");
        assertThat(stranger.post("/api/auth/revoke-session", TestClient.json(Map.of("token", sessionId))).status())
                .isEqualTo(200);
        assertThat(browser.get("/app/x").status()).isEqualTo(200);
        assertNextEventIsTheMarker();
    }

    /** Signs up a new user and expects its creation to be the very next event: nothing else came in between. */
    private void assertNextEventIsTheMarker() {
        TestClient marker = server.client();
        TestClient.Reply up = marker.signUp("Marker", "marker-" + System.nanoTime() + "@example.com", PASSWORD);
        assertThat(up.status()).isEqualTo(200);
        Event e = recorder.next();
        assertThat(e.kind()).as("expected only the marker's creation, got %s", e).isEqualTo("created");
        assertThat(e.userId()).isEqualTo(up.json().path("user").path("id").asText());
    }
}
