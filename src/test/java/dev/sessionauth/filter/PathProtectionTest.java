package dev.sessionauth.filter;

import dev.sessionauth.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which request paths the filter guards, after its own normalization: both pattern styles, public exceptions,
 * case rules, dot segments, path parameters, and ambiguous paths that are refused outright. Paths go out on a raw
 * socket so that exactly the bytes written here reach the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathProtectionTest {
    private static final String COOKIE = "sessionauth.session_token";

    private TestServer server;
    private String sessionCookie;

    @BeforeAll
    void startServerAndSignIn() {
        server = TestServer.start(
                "protected", "/app/**,/api/protected/:path*,/users/:id,/x/*",
                "public", "/app/open/**");
        TestClient browser = server.client();
        assertThat(browser.signUp("Path Tester", "paths@example.com", "correct horse").status()).isEqualTo(200);
        sessionCookie = COOKIE + "=" + browser.cookie(COOKIE).orElseThrow();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private RawClient.Response anonymous(String rawPath) {
        return RawClient.get(server.port(), rawPath, "Accept", "application/json");
    }

    private RawClient.Response signedIn(String rawPath) {
        return RawClient.get(server.port(), rawPath, "Accept", "application/json", "Cookie", sessionCookie);
    }

    private static void assertUnauthorized(RawClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
        assertThat(r.json().has("path")).as("the app must not have answered").isFalse();
    }

    private static void assertServedBy(RawClient.Response r, boolean signedIn) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("method").asText()).as("answered by the app").isEqualTo("GET");
        assertThat(r.json().path("signedIn").asBoolean()).isEqualTo(signedIn);
    }

    private static void assertInvalidPath(RawClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.code()).isEqualTo("INVALID_PATH");
        assertThat(r.body()).doesNotContain("\"method\"").doesNotContain("signedIn");
    }

    // ---- both pattern styles --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/app", "/app/secret", "/app/a/b/c", "/app/secret?q=1",
        "/api/protected", "/api/protected/a", "/api/protected/a/b/c",
        "/users/42", "/x/anything"})
    void protectedPathWithoutSessionAnswers401Json(String path) {
        RawClient.Response r = anonymous(path);
        assertUnauthorized(r);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app", "/app/secret", "/api/protected/a/b", "/users/42", "/x/anything"})
    void protectedPathWithSessionReachesTheAppSignedIn(String path) {
        assertServedBy(signedIn(path), true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/home", "/users", "/users/42/edit", "/x", "/x/a/b", "/application", "/apps/x",
        "/api/protectedx", "/login"})
    void unmatchedPathIsServedWithoutSessionAsSignedOut(String path) {
        assertServedBy(anonymous(path), false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/home", "/users/42/edit", "/x/a/b"})
    void unmatchedPathIsServedWithSessionAsSignedIn(String path) {
        assertServedBy(signedIn(path), true);
    }

    @Test
    void refusalCarriesNoStoreSoNoCacheKeepsIt() {
        assertThat(anonymous("/app/secret").header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void apiBasePathIsMatchedOnWholeSegments() {
        assertServedBy(anonymous("/api/authority"), false);
        assertServedBy(anonymous("/api/auth-x/get-session"), false);
        RawClient.Response unknown = anonymous("/api/auth/no-such-endpoint");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        RawClient.Response collapsed = signedIn("//api//auth/get-session/");
        assertThat(collapsed.status()).isEqualTo(200);
        assertThat(collapsed.json().path("user").path("email").asText()).isEqualTo("paths@example.com");
    }

    // ---- public exceptions ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app/open", "/app/open/", "/app/open/x", "/app/open/x/y", "/app/open/../open/x",
        "/app/open;jsessionid=1/x"})
    void publicPatternWinsOverTheProtectedAreaAroundIt(String path) {
        assertServedBy(anonymous(path), false);
    }

    @Test
    void publicPathStillSeesTheSessionWhenThereIsOne() {
        assertServedBy(signedIn("/app/open/x"), true);
    }

    // ---- case ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/APP/secret", "/App/Secret", "/aPp", "/API/PROTECTED/a", "/Users/42", "/X/a"})
    void protectedMatchingIgnoresCaseSoItFailsClosed(String path) {
        assertUnauthorized(anonymous(path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/APP/open/x", "/app/OPEN/x", "/app/Open", "/App/open/x"})
    void publicMatchingIsCaseSensitiveSoAnOtherCaseStaysProtected(String path) {
        assertUnauthorized(anonymous(path));
    }

    // ---- normalization before matching ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/public/../app/x", "/app/open/../secret", "/app/open/%2e%2e/secret", "/app/open/%2E%2E/secret",
        "/app/open/.%2e/secret", "/app/open/%2e./secret",
        "/home/%2e%2e/app/x", "/./app/x", "/app/./x", "/app/%2e/x", "/api/auth/%2e%2e/%2e%2e/app/x",
        "/api/auth/../../app/x", "/app/open/..", "/app/open/%2e%2e"})
    void dotSegmentsAreResolvedBeforeMatching(String path) {
        assertUnauthorized(anonymous(path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app;jsessionid=1/x", "/app;jsessionid=ABC", "/app;x=1;y=2/secret", "/users;a=b/42",
        "/users/42;jsessionid=1"})
    void pathParametersAreStrippedBeforeMatching(String path) {
        assertUnauthorized(anonymous(path));
    }

    /** Containers disagree on these (see dev.sessionauth.paths), so no reading of them is safe. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app/open;x/../secret", "/foo/..;/app/x", "/app/open/..;/secret", "/app/open/%2e%2e;x/secret",
        "/app;x/../app/x", "/home;x/%2e%2e/app/x", "/app//..", "/app/x//../y"})
    void dotSegmentWithOrAfterAParameterOrAfterAnEmptySegmentIsRefused(String path) {
        assertInvalidPath(anonymous(path));
        assertInvalidPath(signedIn(path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"//app/x", "/app//x", "///app", "/app/x/", "/app/", "/users/42/", "/x/a/", "/x//a",
        "/api//protected/a"})
    void doubleAndTrailingSlashesAreIgnoredBeforeMatching(String path) {
        assertUnauthorized(anonymous(path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%61pp/x", "/%41PP/x", "/%61%70%70/secret", "/home%2Dx/../app/x", "/users/%34%32"})
    void percentEncodedLettersAreDecodedBeforeMatching(String path) {
        assertUnauthorized(anonymous(path));
    }

    @Test
    void absoluteFormRequestTargetIsGuardedLikeItsPath() {
        assertUnauthorized(anonymous(server.origin() + "/app/secret"));
        assertUnauthorized(anonymous(server.origin() + "/public/../app/x"));
        assertServedBy(anonymous(server.origin() + "/app/open/x"), false);
    }

    @Test
    void normalizedProtectedPathIsServedToASignedInUser() {
        assertServedBy(signedIn("/public/../app/x"), true);
        assertServedBy(signedIn("/app;jsessionid=1/x"), true);
        assertServedBy(signedIn("//app/x/"), true);
    }

    // ---- ambiguous paths: refused, never reaching the app --------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/app%2Fx", "/app%2fsecret", "/app/open%2F..%2Fsecret", "/foo%2Fbar", "/app/open/..%2Fsecret",
        "/app%5Cx", "/app/open/..%5Csecret", "/app\\x", "/app/open\\..\\secret", "/home\\x",
        "/app/%252e%252e/x", "/app/open/%252e%252e/secret", "/home/%2525",
        "/app/%C0%AF", "/app/%ff", "/app/%C0%AE%C0%AE/x", "/app/%e2%82", "/home/%80",
        "/app/open/%3B/x", "/home%3Bjsessionid=1",
        "/app/%0a", "/app/%09", "/app/%7f",
        "/api/auth/get-session%2F", "/api/auth%2Fsign-out"})
    void ambiguousPathIsRefusedWithInvalidPath(String path) {
        assertInvalidPath(anonymous(path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app%2Fx", "/home%5Cx", "/home\\x", "/app/%252e", "/home/%ff"})
    void ambiguousPathIsRefusedEvenWithAValidSession(String path) {
        assertInvalidPath(signedIn(path));
    }

    /**
     * NUL bytes, '..' above the root and broken escapes: the filter would refuse these too, but Jetty's own URI
     * parser already answers 400 before any filter runs, so all that is observable here is that the app never
     * sees them.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app/%00", "/home/%00x", "/home%00", "/../app/x", "/app/../../x", "/%2e%2e/app",
        "/..;/app/x", "/app/%2e%2e/%2e%2e/x", "/app/%zz", "/home/%", "/home/%4"})
    void nulByteDotDotAboveRootAndBrokenEscapesNeverReachTheApp(String path) {
        RawClient.Response r = signedIn(path);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("\"method\"").doesNotContain("signedIn");
    }

    @Test
    void ambiguousPathIsRefusedForUnsafeMethodsToo() {
        RawClient.Response r = RawClient.once(server.port(), "POST", "/app%2Fx", "", "Content-Length", "0",
                "Origin", server.origin());
        assertInvalidPath(r);
    }
}
