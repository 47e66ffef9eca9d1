package dev.sessionauth.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SessionAuth.of(request).validateSession(request, Validation...)} called by an app servlet, judged from
 * what it returns: requireVerified, requireFresh (sign-in younger than {@code session.freshAge}) and allowExpired
 * (the expired session comes back flagged, and never authorizes).
 */
class ValidateSessionTest {
    private static final String TOKEN_COOKIE = "sessionauth.session_token";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String EMAIL = "vera@example.com";

    private final MutableClock clock = new MutableClock();
    private TestServer server;
    private TestClient browser;

    @BeforeEach
    void start() {
        server = ValidateServlet.serve(clock);
        browser = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestClient.Reply signUp(TestClient b, String email) {
        TestClient.Reply r = b.post("/api/auth/sign-up/email", TestClient.json(Map.of("name", "Vera", "email", email,
                "password", PASSWORD)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private void signIn(TestClient b, String email) {
        TestClient.Reply r = b.post("/api/auth/sign-in/email", TestClient.json(Map.of("email", email,
                "password", PASSWORD)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private String currentSessionId(TestClient b) {
        TestClient.Reply r = b.get("/api/auth/get-session?disableRefresh=true");
        assertThat(r.status()).isEqualTo(200);
        return r.json().path("session").path("id").asText();
    }

    private JsonNode validate(String query) {
        return validate(browser, "/app/validate", query);
    }

    private static JsonNode validate(TestClient b, String path, String query) {
        TestClient.Reply r = b.get(path + "?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void assertInvalid(JsonNode v, String failure) {
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isFalse();
        assertThat(v.path("failure").asText()).as(v.toString()).isEqualTo(failure);
    }

    // ---- no session, a live session ---------------------------------------------------------------------------

    @Test
    void withoutASessionTheResultIsInvalidUnauthorizedAndEmpty() {
        JsonNode v = validate("check=session&allowExpired=true");
        assertInvalid(v, "UNAUTHORIZED");
        assertThat(v.path("expired").asBoolean()).isFalse();
        assertThat(v.path("sessionId").isNull()).isTrue();
        assertThat(v.path("userId").isNull()).isTrue();
    }

    @Test
    void aLiveSessionIsValidAndCarriesTheSessionAndItsUser() {
        String userId = signUp(browser, EMAIL).json().path("user").path("id").asText();
        JsonNode v = validate("check=session");
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("failure").isNull()).isTrue();
        assertThat(v.path("expired").asBoolean()).isFalse();
        assertThat(v.path("sessionId").asText()).isEqualTo(currentSessionId(browser));
        assertThat(v.path("userId").asText()).isEqualTo(userId);
        assertThat(v.path("sessionUserId").asText()).isEqualTo(userId);
        assertThat(v.path("email").asText()).isEqualTo(EMAIL);
    }

    @Test
    void aBearerTokenIsValidatedLikeACookie() {
        String token = signUp(server.client(), EMAIL).json().path("token").asText();
        TestClient.Reply r = server.client().get("/app/validate?check=session", "Authorization", "Bearer " + token);
        assertThat(r.json().path("valid").asBoolean()).as(r.body()).isTrue();
        assertThat(r.json().path("email").asText()).isEqualTo(EMAIL);
    }

    @Test
    void aSignedOutCookieIsUnauthorizedNotExpired() {
        signUp(browser, EMAIL);
        String cookie = browser.cookie(TOKEN_COOKIE).orElseThrow();
        assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
        TestClient replay = server.client();
        replay.putCookie(TOKEN_COOKIE, cookie);
        JsonNode v = validate(replay, "/app/validate", "check=session&allowExpired=true");
        assertInvalid(v, "UNAUTHORIZED");
        assertThat(v.path("expired").asBoolean()).isFalse();
        assertThat(v.path("sessionId").isNull()).isTrue();
    }

    @Test
    void aForgedCookieIsAnInvalidToken() {
        browser.putCookie(TOKEN_COOKIE, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.bm90LWEtc2lnbmF0dXJl");
        JsonNode v = validate("check=session&allowExpired=true");
        assertInvalid(v, "INVALID_TOKEN");
        assertThat(v.path("sessionId").isNull()).isTrue();
    }

    // ---- requireVerified --------------------------------------------------------------------------------------

    @Test
    void requireVerifiedRefusesAnUnverifiedUserButStillNamesTheSessionAndUser() {
        signUp(browser, EMAIL);
        JsonNode v = validate("check=verified");
        assertInvalid(v, "EMAIL_NOT_VERIFIED");
        assertThat(v.path("expired").asBoolean()).isFalse();
        assertThat(v.path("sessionId").asText()).isEqualTo(currentSessionId(browser));
        assertThat(v.path("email").asText()).isEqualTo(EMAIL);
    }

    @Test
    void requireVerifiedAcceptsTheSameSessionOnceTheAddressIsVerified() {
        signUp(browser, EMAIL);
        Accounts.markVerified(server, EMAIL);
        JsonNode v = validate("check=verified");
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("failure").isNull()).isTrue();
    }

    @Test
    void verifiedFalseLiftsTheRequirement() {
        signUp(browser, EMAIL);
        assertThat(validate("check=verified&verified=false").path("valid").asBoolean()).isTrue();
        assertInvalid(validate("check=session&verified=true"), "EMAIL_NOT_VERIFIED");
    }

    // ---- requireFresh -----------------------------------------------------------------------------------------

    @Test
    void requireFreshAcceptsASignInYoungerThanFreshAge() {
        signUp(browser, EMAIL);
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        JsonNode v = validate("check=fresh");
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
    }

    @Test
    void requireFreshRefusesASignInOlderThanFreshAgeEvenAfterTheSessionSlid() {
        signUp(browser, EMAIL);
        String sessionId = currentSessionId(browser);
        clock.advance(Duration.ofHours(25));
        // The session is alive (and slides on this request): only the sign-in is too old.
        JsonNode v = validate("check=fresh");
        assertInvalid(v, "SESSION_NOT_FRESH");
        assertThat(v.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(v.path("expired").asBoolean()).isFalse();
        assertThat(validate("check=session").path("valid").asBoolean()).isTrue();
        assertInvalid(validate("check=fresh"), "SESSION_NOT_FRESH");
    }

    @Test
    void aNewSignInMakesTheSessionFreshAgain() {
        signUp(browser, EMAIL);
        clock.advance(Duration.ofDays(2));
        assertInvalid(validate("check=fresh"), "SESSION_NOT_FRESH");
        signIn(browser, EMAIL);
        JsonNode v = validate("check=fresh");
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("sessionId").asText()).isEqualTo(currentSessionId(browser));
    }

    @Test
    void freshAgeComesFromTheSettingAndASignInExactlyThatOldIsNoLongerFresh() {
        server.close();
        server = ValidateServlet.serve(clock, "session.freshAge", "10m");
        browser = server.client();
        signUp(browser, EMAIL);
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(validate("check=fresh").path("valid").asBoolean()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertInvalid(validate("check=fresh"), "SESSION_NOT_FRESH");
    }

    @Test
    void freshFalseLiftsTheRequirementAndFreshTrueAddsIt() {
        signUp(browser, EMAIL);
        clock.advance(Duration.ofDays(2));
        assertThat(validate("check=fresh&fresh=false").path("valid").asBoolean()).isTrue();
        assertInvalid(validate("check=session&fresh=true"), "SESSION_NOT_FRESH");
    }

    @Test
    void verifiedAndFreshTogetherNeedBoth() {
        signUp(browser, EMAIL);
        Accounts.markVerified(server, EMAIL);
        assertThat(validate("check=verified&fresh=true").path("valid").asBoolean()).isTrue();
        clock.advance(Duration.ofDays(2));
        assertInvalid(validate("check=verified&fresh=true"), "SESSION_NOT_FRESH");
    }

    // ---- allowExpired -----------------------------------------------------------------------------------------

    @Test
    void allowExpiredReturnsTheExpiredSessionFlaggedAndNotValid() {
        String userId = signUp(browser, EMAIL).json().path("user").path("id").asText();
        String sessionId = currentSessionId(browser);
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        JsonNode v = validate("check=session&allowExpired=true");
        assertInvalid(v, "SESSION_EXPIRED");
        assertThat(v.path("expired").asBoolean()).isTrue();
        assertThat(v.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(v.path("sessionUserId").asText()).isEqualTo(userId);
    }

    @Test
    void withoutAllowExpiredAnExpiredSessionIsNotReturned() {
        signUp(browser, EMAIL);
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        JsonNode v = validate("check=session&allowExpired=false");
        assertInvalid(v, "SESSION_EXPIRED");
        assertThat(v.path("sessionId").isNull()).as(v.toString()).isTrue();
        assertThat(v.path("userId").isNull()).as(v.toString()).isTrue();
    }

    @Test
    void allowExpiredNeverAuthorizesEvenAVerifiedUsersExpiredSession() {
        signUp(browser, EMAIL);
        Accounts.markVerified(server, EMAIL);
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        JsonNode v = validate("check=verified&allowExpired=true&orThrow=true");
        assertInvalid(v, "SESSION_EXPIRED");
        assertThat(v.path("expired").asBoolean()).isTrue();
        assertThat(v.path("thrown").asText()).isEqualTo("SESSION_EXPIRED");
        assertThat(v.path("thrownStatus").asInt()).isEqualTo(401);
    }

    @Test
    void allowExpiredOnALiveSessionChangesNothing() {
        signUp(browser, EMAIL);
        JsonNode v = validate("check=session&allowExpired=true");
        assertThat(v.path("valid").asBoolean()).isTrue();
        assertThat(v.path("expired").asBoolean()).isFalse();
    }

    @Test
    void anExpiredSessionIsReportedOnceThenTheBrowserHasNoSession() {
        signUp(browser, EMAIL);
        String cookie = browser.cookie(TOKEN_COOKIE).orElseThrow();
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(validate("check=session&allowExpired=true").path("expired").asBoolean()).isTrue();
        assertThat(browser.cookie(TOKEN_COOKIE)).as("the filter expired the cookie").isEmpty();

        TestClient replay = server.client();
        replay.putCookie(TOKEN_COOKIE, cookie);
        JsonNode v = validate(replay, "/app/validate", "check=session&allowExpired=true");
        assertInvalid(v, "UNAUTHORIZED");
        assertThat(v.path("expired").asBoolean()).isFalse();
        assertThat(v.path("sessionId").isNull()).isTrue();
    }

    @Test
    void aSessionPastItsAbsoluteLifetimeIsReturnedAsExpired() {
        server.close();
        server = ValidateServlet.serve(clock, "session.absoluteMaxAge", "8d");
        browser = server.client();
        signUp(browser, EMAIL);
        String sessionId = currentSessionId(browser);
        for (int day = 0; day < 7; day++) {
            clock.advance(Duration.ofHours(25));
            assertThat(validate("check=session").path("valid").asBoolean()).as("after %d steps", day + 1).isTrue();
        }
        clock.advance(Duration.ofDays(1));
        JsonNode v = validate("check=session&allowExpired=true");
        assertInvalid(v, "SESSION_EXPIRED");
        assertThat(v.path("sessionId").asText()).isEqualTo(sessionId);
    }

    // ---- orThrow ----------------------------------------------------------------------------------------------

    @Test
    void orThrowReturnsAValidResultItself() {
        signUp(browser, EMAIL);
        JsonNode v = validate("check=session&orThrow=true");
        assertThat(v.path("thrown").isNull()).isTrue();
        assertThat(v.path("orThrowReturnedSame").asBoolean()).isTrue();
    }

    @Test
    void orThrowThrowsTheFailureWithItsStatus() {
        assertThat(validate("check=session&orThrow=true").path("thrown").asText()).isEqualTo("UNAUTHORIZED");
        signUp(browser, EMAIL);
        JsonNode unverified = validate("check=verified&orThrow=true");
        assertThat(unverified.path("thrown").asText()).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(unverified.path("thrownStatus").asInt()).isEqualTo(403);
        clock.advance(Duration.ofDays(2));
        JsonNode stale = validate("check=fresh&orThrow=true");
        assertThat(stale.path("thrown").asText()).isEqualTo("SESSION_NOT_FRESH");
        assertThat(stale.path("thrownStatus").asInt()).isEqualTo(403);
    }

    // ---- outside the filter's mapping -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/app/validate", "/outside/validate"})
    void aServletGetsTheSameAnswersWhetherOrNotTheFilterCoversIt(String path) {
        assertInvalid(validate(browser, path, "check=session"), "UNAUTHORIZED");
        signUp(browser, EMAIL);
        String sessionId = currentSessionId(browser);
        JsonNode live = validate(browser, path, "check=session");
        assertThat(live.path("valid").asBoolean()).as(live.toString()).isTrue();
        assertThat(live.path("sessionId").asText()).isEqualTo(sessionId);
        assertInvalid(validate(browser, path, "check=verified"), "EMAIL_NOT_VERIFIED");
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        JsonNode expired = validate(browser, path, "check=session&allowExpired=true");
        assertInvalid(expired, "SESSION_EXPIRED");
        assertThat(expired.path("expired").asBoolean()).isTrue();
        assertThat(expired.path("sessionId").asText()).isEqualTo(sessionId);
    }
}
