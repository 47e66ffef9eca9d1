package dev.sessionauth.jwt;

import static dev.sessionauth.testing.TestClient.maxAgeOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.crypto.SessionJwt;
import dev.sessionauth.testing.CountingDataSource;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code session.strategy=jwt}: beside the session cookie, a signed HS256 JWT {@code session_data} cookie carries
 * {session, user} for {@code session.cookieCache.maxAge}; the filter trusts it with zero store reads until it
 * expires or belongs to another session cookie, then reads the store and re-issues it. A JWT under another key,
 * altered by one byte, or with {@code alg:none} is ignored. Endpoints that change or list sessions always read
 * the store, as does get-session with {@code disableCookieCache=true}.
 */
class JwtCookieCacheTest {
    private static final String TOKEN = "sessionauth.session_token";
    private static final String DATA = "sessionauth.session_data";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String EMAIL = "jot@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();

    private final MutableClock clock = new MutableClock();
    private CountingDataSource store;
    private TestServer server;
    private TestClient browser;
    private String token;
    private String userId;

    @BeforeEach
    void start() {
        start("5m");
    }

    private void start(String cacheMaxAge, String... settings) {
        if (server != null) {
            server.close();
        }
        String url = "jdbc:h2:mem:jwt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        store = new CountingDataSource(url);
        server = TestServer.builder().clock(clock).dataSource(store, url)
                .set("session.strategy", "jwt").set("session.cookieCache.maxAge", cacheMaxAge)
                .set("protected", "/app/**").settings(settings).start();
        browser = server.client();
        TestClient.Reply up = browser.signUp("Jot", EMAIL, PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        token = up.json().path("token").asText();
        userId = up.json().path("user").path("id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static JsonNode part(String jwt, int index) {
        try {
            return JSON.readTree(B64.decode(jwt.split("\\.")[index]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String value) {
        try {
            return B64E.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sessionIdInStore() {
        return storeValue("SELECT id FROM sa_session WHERE user_id = ? ORDER BY created_at DESC", userId);
    }

    private String storeValue(String sql, String param) {
        try (Connection c = server.database(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant expiresAtInStore(String sessionId) {
        try (Connection c = server.database();
             var ps = c.prepareStatement("SELECT expires_at FROM sa_session WHERE id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second browser of the same user ends the first browser's session through this instance's API. */
    private void revokeFirstBrowsersSessionFromAnotherDevice() {
        TestClient other = server.client();
        assertThat(other.signIn(EMAIL, PASSWORD).status()).isEqualTo(200);
        TestClient.Reply r = other.post("/api/auth/revoke-other-sessions", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", userId)).isEqualTo(1);
    }

    /**
     * The first browser's row disappears without this instance hearing of it (as if another instance had revoked
     * it a moment before this one read the revocation log): its cache still vouches for it, within the bound.
     */
    private void endFirstBrowsersSessionBehindTheCachesBack() {
        try (Connection c = server.database(); var ps = c.prepareStatement("DELETE FROM sa_session WHERE user_id = ?")) {
            ps.setString(1, userId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh browser holding exactly these two cookies. */
    private TestClient replay(String tokenCookie, String dataCookie) {
        TestClient c = server.client();
        c.putCookie(TOKEN, tokenCookie);
        c.putCookie(DATA, dataCookie);
        return c;
    }

    private static void assertSignedIn(TestClient.Reply r, String email) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).as(r.body()).isTrue();
        assertThat(r.json().path("email").asText()).isEqualTo(email);
    }

    private static void assertRefused(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
    }

    private static String flipChar(String s, int index) {
        char c = s.charAt(index);
        char replacement = c == 'A' ? 'B' : 'A';
        return s.substring(0, index) + replacement + s.substring(index + 1);
    }

    // ---- the cookie ---------------------------------------------------------------------------------------------

    @Test
    void signUpSetsAnHs256SessionDataCookieBoundToTheSessionToken() {
        TestClient fresh = server.client();
        TestClient.Reply r = fresh.signIn(EMAIL, PASSWORD);
        String header = r.setCookie(DATA).orElseThrow(() -> new AssertionError("no session_data: " + r.headers()));
        assertThat(header).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/");
        assertThat(maxAgeOf(header)).isEqualTo(300);

        String jwt = fresh.cookie(DATA).orElseThrow();
        assertThat(jwt.split("\\.")).hasSize(3);
        assertThat(part(jwt, 0).path("alg").asText()).isEqualTo("HS256");
        JsonNode claims = part(jwt, 1);
        String newToken = r.json().path("token").asText();
        assertThat(claims.path("sth").asText()).isEqualTo(sha256(newToken));
        assertThat(claims.path("session").path("id").asText())
                .isEqualTo(fresh.getSession().json().path("session").path("id").asText());
        assertThat(claims.path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(claims.path("user").path("id").asText()).isEqualTo(userId);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(claims.path("exp").asLong()).isLessThanOrEqualTo(clock.instant().plusSeconds(300).getEpochSecond());
        assertThat(jwt).as("the bearer secret never travels in the cache").doesNotContain(newToken);
        assertThat(claims.toString()).doesNotContain(newToken).doesNotContainIgnoringCase("password");
    }

    @Test
    void theDatabaseStrategyIssuesNoSessionDataCookie() {
        try (TestServer db = TestServer.start()) {
            TestClient.Reply r = db.client().signUp("Db", "db@example.com", PASSWORD);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.setCookie(DATA)).isEmpty();
        }
    }

    // ---- zero store reads while the cache is valid ------------------------------------------------------------

    @Test
    void requestsWithAValidCacheMakeZeroStoreReads() {
        String sessionId = sessionIdInStore();
        store.reset();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            TestClient.Reply r = browser.get("/app/page" + i);
            assertSignedIn(r, EMAIL);
            assertThat(r.json().path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(r.allHeaders("Set-Cookie")).isEmpty();
        }
        assertSignedIn(browser.get("/unprotected"), EMAIL);
        TestClient.Reply gs = browser.getSession();
        assertThat(gs.json().path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(gs.json().path("session").path("id").asText()).isEqualTo(sessionId);
        assertThat(store.connections()).as("store reads: %s", store.statements()).isZero();
    }

    @Test
    void onceTheCacheExpiresTheStoreIsReadAndTheCacheReissued() {
        String before = browser.cookie(DATA).orElseThrow();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        store.reset();
        TestClient.Reply r = browser.get("/app/x");
        assertSignedIn(r, EMAIL);
        assertThat(store.connections()).isPositive();
        String header = r.setCookie(DATA).orElseThrow(() -> new AssertionError("not re-issued: " + r.headers()));
        assertThat(maxAgeOf(header)).isEqualTo(300);
        String after = browser.cookie(DATA).orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(part(after, 1).path("sth").asText()).isEqualTo(sha256(token));

        store.reset();
        assertSignedIn(browser.get("/app/y"), EMAIL);
        assertThat(store.connections()).as("the re-issued cache is trusted again").isZero();
    }

    @Test
    void aCacheCookieWithoutASessionCookieSignsNobodyIn() {
        TestClient c = server.client();
        c.putCookie(DATA, browser.cookie(DATA).orElseThrow());
        assertRefused(c.get("/app/x"));
    }

    // ---- revocation: known at once where it happened, bounded by cookieCache.maxAge regardless ------------------

    @ParameterizedTest
    @ValueSource(strings = {"30s", "5m"})
    void aSessionRevokedOnThisInstanceIsRefusedAtOnceDespiteItsCache(String maxAge) {
        start(maxAge);
        revokeFirstBrowsersSessionFromAnotherDevice();
        clock.advance(Duration.ofSeconds(1));
        TestClient.Reply r = browser.get("/app/x");
        assertRefused(r);
        assertThat(r.setCookie(DATA).orElseThrow()).contains("Max-Age=0");
        assertThat(r.setCookie(TOKEN).orElseThrow()).contains("Max-Age=0");
    }

    @Test
    void aSessionDeletedBehindTheEnginesBackStopsPassingOnceCookieCacheMaxAgeHasPassed() {
        // No revocation through the engine (a row deleted by hand): only the cache's own lifetime bounds it.
        start("30s");
        endFirstBrowsersSessionBehindTheCachesBack();
        clock.advance(Duration.ofSeconds(29));
        assertSignedIn(browser.get("/app/x"), EMAIL);
        clock.advance(Duration.ofSeconds(2));
        TestClient.Reply r = browser.get("/app/x");
        assertRefused(r);
        assertThat(r.setCookie(DATA).orElseThrow()).contains("Max-Age=0");
    }

    // ---- forged and altered caches are ignored ------------------------------------------------------------------

    @Test
    void aCacheReSignedWithTheServersKeyIsTrustedWhichIsWhatMakesTheForgeryTestsMeaningful() {
        String tokenCookie = browser.cookie(TOKEN).orElseThrow();
        String forged = resign(browser.cookie(DATA).orElseThrow(), TestServer.SECRET, "mallory@example.com");
        endFirstBrowsersSessionBehindTheCachesBack();
        store.reset();
        assertSignedIn(replay(tokenCookie, forged).get("/app/x"), "mallory@example.com");
        assertThat(store.connections()).isZero();
    }

    @Test
    void aCacheSignedWithAnotherKeyIsIgnored() {
        String tokenCookie = browser.cookie(TOKEN).orElseThrow();
        String forged = resign(browser.cookie(DATA).orElseThrow(), "another-secret-0123456789-abcdefghijklmnopqrstuv",
                "mallory@example.com");
        TestClient.Reply live = replay(tokenCookie, forged).get("/app/x");
        assertSignedIn(live, EMAIL);
        assertThat(part(live.setCookie(DATA).orElseThrow().split("=", 2)[1].split(";")[0], 1)
                .path("user").path("email").asText()).as("replaced from the store").isEqualTo(EMAIL);

        endFirstBrowsersSessionBehindTheCachesBack();
        assertRefused(replay(tokenCookie, forged).get("/app/x"));
    }

    /** The claims of {@code jwt} (checked with the server's key) with the user's email changed, signed under {@code secret}. */
    private String resign(String jwt, String secret, String email) {
        SessionJwt serverKey = new SessionJwt(List.of(TestServer.SECRET.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> claims = new LinkedHashMap<>(serverKey.verify(jwt, clock.instant()).orElseThrow());
        @SuppressWarnings("unchecked")
        Map<String, Object> user = new LinkedHashMap<>((Map<String, Object>) claims.get("user"));
        user.put("email", email);
        claims.put("user", user);
        return new SessionJwt(List.of(secret.getBytes(StandardCharsets.UTF_8)))
                .issue(claims, clock.instant(), clock.instant().plusSeconds(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"header-first", "payload-first", "payload-middle", "payload-last", "signature-first",
            "signature-middle", "signature-last"})
    void aCacheAlteredByOneCharacterIsIgnored(String where) {
        String tokenCookie = browser.cookie(TOKEN).orElseThrow();
        String jwt = browser.cookie(DATA).orElseThrow();
        String[] parts = jwt.split("\\.");
        int part = where.startsWith("header") ? 0 : where.startsWith("payload") ? 1 : 2;
        int offset = 0;
        for (int i = 0; i < part; i++) {
            offset += parts[i].length() + 1;
        }
        int length = parts[part].length();
        int index = offset + (where.endsWith("first") ? 0 : where.endsWith("middle") ? length / 2 : length - 1);
        String altered = flipChar(jwt, index);
        assertThat(altered).isNotEqualTo(jwt).hasSameSizeAs(jwt);

        endFirstBrowsersSessionBehindTheCachesBack();
        assertSignedIn(replay(tokenCookie, jwt).get("/app/x"), EMAIL);
        assertRefused(replay(tokenCookie, altered).get("/app/x"));
    }

    @Test
    void aCacheWithOneByteOfItsJsonChangedIsIgnored() {
        String tokenCookie = browser.cookie(TOKEN).orElseThrow();
        String jwt = browser.cookie(DATA).orElseThrow();
        String[] parts = jwt.split("\\.");
        String payload = new String(B64.decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("jot@example.com");
        String changed = payload.replace("jot@example.com", "jou@example.com");
        String altered = parts[0] + "." + B64E.encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        endFirstBrowsersSessionBehindTheCachesBack();
        assertRefused(replay(tokenCookie, altered).get("/app/x"));
    }

    @Test
    void anUnsignedAlgNoneCacheIsIgnored() {
        String tokenCookie = browser.cookie(TOKEN).orElseThrow();
        String jwt = browser.cookie(DATA).orElseThrow();
        String none = B64E.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + jwt.split("\\.")[1] + ".";
        endFirstBrowsersSessionBehindTheCachesBack();
        assertRefused(replay(tokenCookie, none).get("/app/x"));
    }

    @Test
    void anExpiredCacheIsNotTrustedEvenIfTheBrowserStillSendsIt() {
        String tokenCookie = browser.cookie(TOKEN).orElseThrow();
        String jwt = browser.cookie(DATA).orElseThrow();
        endFirstBrowsersSessionBehindTheCachesBack();
        clock.advance(Duration.ofMinutes(5));
        assertRefused(replay(tokenCookie, jwt).get("/app/x"));
    }

    // ---- the cache belongs to one session cookie --------------------------------------------------------------

    @Test
    void anotherSessionsCacheBesideThisSessionCookieIsIgnored() {
        TestClient bob = server.client();
        TestClient.Reply up = bob.signUp("Bob", "bob@example.com", PASSWORD);
        String bobToken = up.json().path("token").asText();
        // Bob's session cookie with the first user's cache beside it.
        TestClient mixed = replay(bob.cookie(TOKEN).orElseThrow(), browser.cookie(DATA).orElseThrow());

        store.reset();
        TestClient.Reply r = mixed.get("/app/x");
        assertSignedIn(r, "bob@example.com");
        assertThat(store.connections()).as("the foreign cache is not trusted: the store is read").isPositive();
        String reissued = r.setCookie(DATA).orElseThrow(() -> new AssertionError("not re-issued: " + r.headers()));
        assertThat(part(reissued.split("=", 2)[1].split(";")[0], 1).path("sth").asText()).isEqualTo(sha256(bobToken));
    }

    @Test
    void aCacheOfTheSameUsersOtherSessionIsIgnoredToo() {
        TestClient second = server.client();
        assertThat(second.signIn(EMAIL, PASSWORD).status()).isEqualTo(200);
        String secondSession = second.getSession().json().path("session").path("id").asText();
        // The second browser's session cookie with the first browser's cache beside it.
        TestClient mixed = replay(second.cookie(TOKEN).orElseThrow(), browser.cookie(DATA).orElseThrow());
        store.reset();
        TestClient.Reply r = mixed.get("/app/x");
        assertSignedIn(r, EMAIL);
        assertThat(r.json().path("sessionId").asText()).isEqualTo(secondSession);
        assertThat(store.connections()).isPositive();
    }

    // ---- what always reads the store ------------------------------------------------------------------------------

    @Test
    void getSessionWithDisableCookieCacheReadsTheStore() {
        store.reset();
        assertThat(browser.get("/api/auth/get-session?disableCookieCache=true").json().path("user").path("email")
                .asText()).isEqualTo(EMAIL);
        assertThat(store.connections()).isPositive();

        endFirstBrowsersSessionBehindTheCachesBack();
        assertThat(browser.getSession().body()).as("cached, within the bound").isNotEqualTo("null");
        assertThat(browser.get("/api/auth/get-session?disableCookieCache=true").body()).isEqualTo("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/auth/list-sessions", "POST /api/auth/refresh-session",
            "POST /api/auth/revoke-other-sessions", "POST /api/auth/revoke-sessions", "POST /api/auth/revoke-session",
            "POST /api/auth/update-session"})
    void sessionEndpointsReadTheStoreAndRefuseARevokedSessionDespiteItsCache(String endpoint) {
        String sessionId = sessionIdInStore();
        endFirstBrowsersSessionBehindTheCachesBack();
        assertSignedIn(browser.get("/app/x"), EMAIL);
        String[] m = endpoint.split(" ");
        String body = endpoint.endsWith("/revoke-session") ? TestClient.json(Map.of("token", sessionId)) : "{}";
        TestClient.Reply r = m[0].equals("GET") ? browser.get(m[1]) : browser.post(m[1], body);
        assertThat(r.status()).as("%s: %s", endpoint, r.body()).isEqualTo(401);
    }

    @Test
    void signOutReadsTheStoreDeletesTheRowAndExpiresTheCache() {
        store.reset();
        TestClient.Reply r = browser.post("/api/auth/sign-out", "{}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(store.connections()).isPositive();
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", userId)).isZero();
        assertThat(r.setCookie(DATA).orElseThrow()).contains("Max-Age=0");
        assertThat(browser.cookie(DATA)).isEmpty();
        assertRefused(browser.get("/app/x"));
    }

    @Test
    void revokeSessionsClearsTheCallersCacheCookie() {
        TestClient.Reply r = browser.post("/api/auth/revoke-sessions", "{}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(browser.cookie(DATA)).isEmpty();
        assertRefused(browser.get("/app/x"));
    }

    @Test
    void listSessionsAlwaysReadsTheStore() {
        store.reset();
        TestClient.Reply r = browser.get("/api/auth/list-sessions");
        assertThat(r.status()).isEqualTo(200);
        assertThat(store.connections()).isPositive();
    }

    // ---- lifetime ---------------------------------------------------------------------------------------------

    @Test
    void theCacheNeverOutlivesTheSession() {
        start("5m", "session.maxAge", "2m", "session.updateAge", "1m");
        TestClient c = server.client();
        TestClient.Reply r = c.signIn(EMAIL, PASSWORD);
        assertThat(maxAgeOf(r.setCookie(DATA).orElseThrow())).isEqualTo(120);
        JsonNode claims = part(c.cookie(DATA).orElseThrow(), 1);
        assertThat(claims.path("exp").asLong()).isLessThanOrEqualTo(clock.instant().plusSeconds(120).getEpochSecond());
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        TestClient.Reply later = c.get("/app/x");
        assertThat(later.status()).isEqualTo(401);
        assertThat(later.code()).isIn("SESSION_EXPIRED", "UNAUTHORIZED");
    }

    @Test
    void aBrowserSessionsCacheStillLastsAtMostCookieCacheMaxAge() {
        TestClient c = server.client();
        TestClient.Reply r = c.post("/api/auth/sign-in/email", TestClient.json(Map.of("email", EMAIL,
                "password", PASSWORD, "rememberMe", false)));
        String header = r.setCookie(DATA).orElseThrow();
        if (header.contains("Max-Age")) {
            assertThat(maxAgeOf(header)).isLessThanOrEqualTo(300);
        }
        JsonNode claims = part(c.cookie(DATA).orElseThrow(), 1);
        assertThat(claims.path("exp").asLong()).isLessThanOrEqualTo(clock.instant().plusSeconds(300).getEpochSecond());
    }

    @Test
    void theCachedPathDoesNoSlidingRefreshAndTheNextStoreReadDoes() {
        start("5m", "session.updateAge", "1m");
        String sessionId = sessionIdInStore();
        Instant original = expiresAtInStore(sessionId);
        clock.advance(Duration.ofMinutes(2));
        store.reset();
        TestClient.Reply cached = browser.get("/app/x");
        assertSignedIn(cached, EMAIL);
        assertThat(cached.setCookie(TOKEN)).isEmpty();
        assertThat(store.connections()).isZero();
        assertThat(expiresAtInStore(sessionId)).isEqualTo(original);

        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        TestClient.Reply read = browser.get("/app/x");
        assertSignedIn(read, EMAIL);
        assertThat(read.setCookie(TOKEN)).as("refreshed on the store read").isPresent();
        assertThat(read.setCookie(DATA)).isPresent();
        assertThat(expiresAtInStore(sessionId)).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        JsonNode claims = part(browser.cookie(DATA).orElseThrow(), 1);
        assertThat(Instant.ofEpochMilli(claims.path("session").path("expiresAt").asLong()))
                .isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void updateUserReissuesTheCacheSoTheChangeShowsAtOnce() {
        TestClient.Reply r = browser.post("/api/auth/update-user", TestClient.json(Map.of("name", "Renamed")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        store.reset();
        assertThat(browser.getSession().json().path("user").path("name").asText()).isEqualTo("Renamed");
        assertThat(store.connections()).isZero();
    }

    @Test
    void aBearerClientIsAlwaysCheckedAgainstTheStore() {
        String jwt = browser.cookie(DATA).orElseThrow();
        endFirstBrowsersSessionBehindTheCachesBack();
        TestClient bearer = server.client().withoutOrigin().header("Authorization", "Bearer " + token);
        bearer.putCookie(DATA, jwt);
        assertRefused(bearer.get("/app/x"));
    }
}
