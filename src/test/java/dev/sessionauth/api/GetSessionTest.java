package dev.sessionauth.api;

import static dev.sessionauth.api.Api.REFRESH_SESSION;
import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.api.Api.assertSessionShape;
import static dev.sessionauth.api.Api.assertUserShape;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.UPDATE_SESSION;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /get-session, POST /refresh-session and /update-session: the current session, its sliding refresh and
 * expiry, on a clock the tests move (a fresh server per test, since moving the clock touches every session).
 */
class GetSessionTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private MutableClock clock;
    private TestServer server;

    @BeforeEach
    void start() {
        clock = new MutableClock(START);
        server = TestServer.builder().clock(clock).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.path(field).asText());
    }

    @Test
    void withoutASessionTheAnswerIsTheJsonLiteralNull() {
        Reply r = server.client().getSession();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("null");
        assertNoStore(r);
        Api.assertJson(r);
        assertThat(r.setCookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void withASessionTheAnswerIsSessionAndUser() {
        TestClient browser = server.client().header("User-Agent", "GetSessionTest");
        String email = uniqueEmail("gs");
        Reply up = browser.signUp("Gs", email, Accounts.PASSWORD);
        String token = up.json().path("token").asText();

        Reply r = browser.getSession();
        assertThat(r.status()).isEqualTo(200);
        assertNoStore(r);
        JsonNode body = r.json();
        assertThat(Api.fieldNames(body)).containsExactlyInAnyOrder("session", "user");
        assertSessionShape(body.path("session"));
        assertUserShape(body.path("user"));
        JsonNode session = body.path("session");
        assertThat(session.path("userId").asText()).isEqualTo(body.path("user").path("id").asText());
        assertThat(session.path("createdAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(session.path("updatedAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(session.path("expiresAt").asText()).isEqualTo("2026-03-08T10:00:00.000Z");
        assertThat(session.path("ipAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(session.path("userAgent").asText()).isEqualTo("GetSessionTest");
        assertThat(body.path("user").path("createdAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
        // The handle is not the bearer token, and the bearer token appears nowhere in the answer.
        assertThat(session.path("token").asText()).isNotEqualTo(token);
        assertThat(r.body()).doesNotContain(token);
    }

    @Test
    void timestampsAlwaysHaveThreeFractionDigits() {
        clock.advance(Duration.ofMillis(7));
        TestClient browser = server.client();
        browser.signUp("Millis", uniqueEmail("millis"), Accounts.PASSWORD);
        JsonNode session = browser.getSession().json().path("session");
        assertThat(session.path("createdAt").asText()).isEqualTo("2026-03-01T10:00:00.007Z");
        assertThat(session.path("expiresAt").asText()).isEqualTo("2026-03-08T10:00:00.007Z");
    }

    @Test
    void disableRefreshAndDisableCookieCacheAreAccepted() {
        SignedInUser account = Accounts.signUp(server, "flags");
        for (String query : new String[] {"?disableRefresh=true", "?disableCookieCache=true",
                "?disableRefresh=false", "?disableCookieCache=true&disableRefresh=true"}) {
            Reply r = account.browser().get(GET_SESSION + query);
            assertThat(r.status()).as(query).isEqualTo(200);
            assertThat(r.json().path("user").path("id").asText()).as(query).isEqualTo(account.userId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"disableRefresh=yes", "disableRefresh=1", "disableRefresh=TRUE",
            "disableCookieCache=no", "disableCookieCache=%00"})
    void otherFlagValuesAre400(String query) {
        SignedInUser account = Accounts.signUp(server, "badflag");
        assertError(account.browser().get(GET_SESSION + "?" + query), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().get(GET_SESSION + "?" + query), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void aSessionIsNotRefreshedBeforeUpdateAge() {
        SignedInUser account = Accounts.signUp(server, "young");
        clock.advance(Duration.ofHours(23));
        Reply r = account.browser().getSession();
        assertThat(r.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(r.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-08T10:00:00.000Z");
        assertThat(r.json().path("session").path("updatedAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    }

    @Test
    void aSessionOlderThanUpdateAgeSlidesAndTheCookieIsReset() {
        SignedInUser account = Accounts.signUp(server, "slide");
        String cookieBefore = account.cookie();
        clock.advance(DAY.plusMinutes(1));

        Reply r = account.browser().getSession();
        assertThat(r.status()).isEqualTo(200);
        JsonNode session = r.json().path("session");
        assertThat(session.path("updatedAt").asText()).isEqualTo("2026-03-02T10:01:00.000Z");
        assertThat(session.path("expiresAt").asText()).isEqualTo("2026-03-09T10:01:00.000Z");
        assertThat(session.path("createdAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=604800"));
        // Same token, so the cookie value does not change: only its lifetime.
        assertThat(account.cookie()).isEqualTo(cookieBefore);

        // Only one write per updateAge: the next call does not refresh again.
        clock.advance(Duration.ofHours(1));
        Reply again = account.browser().getSession();
        assertThat(again.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(again.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-09T10:01:00.000Z");
    }

    @Test
    void disableRefreshReadsTheSessionWithoutSliding() {
        SignedInUser account = Accounts.signUp(server, "norefresh");
        clock.advance(DAY.plusMinutes(1));
        Reply r = account.browser().get(GET_SESSION + "?disableRefresh=true");
        assertThat(r.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-08T10:00:00.000Z");
        assertThat(r.setCookie(TOKEN_COOKIE)).isEmpty();

        Reply later = account.browser().getSession();
        assertThat(later.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-09T10:01:00.000Z");
    }

    @Test
    void anExpiredSessionAnswersNullDeletesTheRowAndExpiresTheCookies() {
        SignedInUser account = Accounts.signUp(server, "expired");
        clock.advance(Duration.ofDays(7));

        Reply r = account.browser().getSession();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("null");
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(Api.sessionRows(server, account.userId())).isZero();
    }

    @Test
    void anExpiredSessionIsSessionExpiredWhereASessionIsRequired() {
        SignedInUser account = Accounts.signUp(server, "expired401");
        clock.advance(Duration.ofDays(8));
        Reply r = account.browser().get(Accounts.LIST_SESSIONS);
        assertError(r, 401, "SESSION_EXPIRED");
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    }

    @Test
    void slidingNeverGoesPastTheAbsoluteMaximum() {
        SignedInUser account = Accounts.signUp(server, "absolute");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofDays(6));
            assertThat(account.browser().getSession().json().path("user").isObject()).as("day %d", 6 * (i + 1))
                    .isTrue();
        }
        // Day 24: a refresh would give day 31, but the session ends at day 30.
        JsonNode session = account.browser().get(GET_SESSION + "?disableRefresh=true").json().path("session");
        assertThat(session.path("expiresAt").asText()).isEqualTo("2026-03-31T10:00:00.000Z");

        clock.advance(Duration.ofDays(6).minusSeconds(1));
        assertThat(account.browser().getSession().json().path("user").isObject()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(account.browser().getSession().body()).isEqualTo("null");
    }

    @Test
    void aRememberMeFalseSessionNeverSlidesAndEndsAfterOneDay() {
        TestClient browser = server.client();
        String email = uniqueEmail("brief");
        browser.post(Accounts.SIGN_UP, json("name", "Brief", "email", email, "password", Accounts.PASSWORD,
                "rememberMe", false));
        clock.advance(Duration.ofHours(23));
        Reply r = browser.getSession();
        assertThat(r.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-02T10:00:00.000Z");
        assertThat(r.setCookie(TOKEN_COOKIE)).isEmpty();

        Reply refreshed = browser.post(REFRESH_SESSION, "{}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-02T10:00:00.000Z");

        clock.advance(Duration.ofHours(1));
        assertThat(browser.getSession().body()).isEqualTo("null");
    }

    @Test
    void refreshSessionSlidesRightAwayAndAnswersSessionAndUser() {
        SignedInUser account = Accounts.signUp(server, "refresh");
        clock.advance(Duration.ofHours(2));

        Reply r = account.browser().post(REFRESH_SESSION, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertNoStore(r);
        assertThat(Api.fieldNames(r.json())).containsExactlyInAnyOrder("session", "user");
        assertSessionShape(r.json().path("session"));
        assertUserShape(r.json().path("user"));
        assertThat(r.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-08T12:00:00.000Z");
        assertThat(r.json().path("session").path("updatedAt").asText()).isEqualTo("2026-03-01T12:00:00.000Z");
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=604800"));

        // The store agrees.
        Reply read = account.browser().get(GET_SESSION + "?disableRefresh=true");
        assertThat(read.json().path("session").path("expiresAt").asText()).isEqualTo("2026-03-08T12:00:00.000Z");
    }

    @Test
    void refreshSessionAcceptsAnEmptyBody() {
        SignedInUser account = Accounts.signUp(server, "refreshempty");
        assertThat(account.browser().request("POST", REFRESH_SESSION, null).status()).isEqualTo(200);
        assertThat(account.browser().post(REFRESH_SESSION, "").status()).isEqualTo(200);
    }

    @Test
    void refreshSessionWithoutASessionIs401() {
        assertError(server.client().post(REFRESH_SESSION, "{}"), 401, "UNAUTHORIZED");
    }

    @Test
    void refreshSessionRefusesFields() {
        SignedInUser account = Accounts.signUp(server, "refreshfields");
        assertError(account.browser().post(REFRESH_SESSION, "{\"expiresAt\":\"2099-01-01T00:00:00.000Z\"}"), 400,
                "INVALID_REQUEST_BODY");
    }

    @Test
    void updateSessionWithNoFieldsAnswersTheSession() {
        SignedInUser account = Accounts.signUp(server, "updsession");
        Reply r = account.browser().post(UPDATE_SESSION, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertNoStore(r);
        assertThat(Api.fieldNames(r.json())).containsExactly("session");
        assertSessionShape(r.json().path("session"));
        assertThat(r.json().path("session").path("userId").asText()).isEqualTo(account.userId());
        assertThat(account.browser().request("POST", UPDATE_SESSION, null).status()).isEqualTo(200);
    }

    @Test
    void updateSessionRefusesUndeclaredFieldsAndAnonymousCallers() {
        SignedInUser account = Accounts.signUp(server, "updsessionbad");
        assertError(account.browser().post(UPDATE_SESSION, "{\"userId\":\"someone-else\"}"), 400,
                "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_SESSION, "{\"expiresAt\":\"2099-01-01T00:00:00.000Z\"}"), 400,
                "INVALID_REQUEST_BODY");
        assertError(server.client().post(UPDATE_SESSION, "{}"), 401, "UNAUTHORIZED");
        JsonNode session = account.browser().getSession().json().path("session");
        assertThat(session.path("userId").asText()).isEqualTo(account.userId());
        assertThat(session.path("expiresAt").asText()).isEqualTo("2026-03-08T10:00:00.000Z");
    }

    @Test
    void aForgedCookieAnswersNullAndIsExpired() {
        SignedInUser account = Accounts.signUp(server, "forged");
        TestClient forger = server.client();
        forger.putCookie(TOKEN_COOKIE, account.token() + ".bm90LWEtc2lnbmF0dXJl");
        Reply r = forger.getSession();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("null");
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", ".", "a.b", "....", "%00", "x.%ff"})
    void malformedCookiesAreInvalidTokenWhereASessionIsRequired(String value) {
        TestClient forger = server.client();
        forger.putCookie(TOKEN_COOKIE, value);
        assertThat(forger.getSession().body()).isEqualTo("null");
        forger.putCookie(TOKEN_COOKIE, value);
        assertError(forger.get(Accounts.LIST_SESSIONS), 401, "INVALID_TOKEN");
    }

    @Test
    void aCookieSignedWithAnotherSecretIsInvalid() {
        SignedInUser account = Accounts.signUp(server, "othersecret");
        try (TestServer other = TestServer.builder().set("secret", "another-secret-0123456789-abcdefghijklmnop")
                .start()) {
            SignedInUser there = Accounts.signUp(other, "there");
            TestClient mixed = server.client();
            mixed.putCookie(TOKEN_COOKIE, there.cookie());
            assertError(mixed.get(Accounts.LIST_SESSIONS), 401, "INVALID_TOKEN");
        }
        assertThat(account.browser().getSession().json().path("user").isObject()).isTrue();
    }

    @Test
    void aSignedOutCookieIsUnauthorized() {
        SignedInUser account = Accounts.signUp(server, "gone");
        String cookie = account.cookie();
        account.browser().post(Accounts.SIGN_OUT, "{}");
        TestClient replay = server.client();
        replay.putCookie(TOKEN_COOKIE, cookie);
        assertError(replay.get(Accounts.LIST_SESSIONS), 401, "UNAUTHORIZED");
    }

    @Test
    void headOnGetSessionIsAllowed() {
        SignedInUser account = Accounts.signUp(server, "head");
        Reply r = account.browser().request("HEAD", GET_SESSION, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }
}
