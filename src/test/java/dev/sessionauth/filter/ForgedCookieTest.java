package dev.sessionauth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cookies the server did not issue, or issued and then ended, never open a protected path, and on an unmatched
 * path leave the app with a signed-out request. A genuine cookie beside a planted one still works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedCookieTest {
    private static final String COOKIE = "sessionauth.session_token";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private TestServer server;
    private String valid;
    private String token;
    private String signature;

    @BeforeAll
    void startServerAndSignIn() {
        server = TestServer.start("protected", "/app/**");
        TestClient browser = server.client();
        TestClient.Reply up = browser.signUp("Forgery Target", "target@example.com", "correct horse");
        assertThat(up.status()).isEqualTo(200);
        valid = browser.cookie(COOKIE).orElseThrow();
        token = valid.substring(0, valid.indexOf('.'));
        signature = valid.substring(valid.indexOf('.') + 1);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    static String sign(String secret, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return value + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The same string with the character at {@code index} replaced by the next base64url character. */
    private static String flip(String s, int index) {
        char c = s.charAt(index);
        char other = BASE64URL.charAt((BASE64URL.indexOf(c) + 1) % BASE64URL.length());
        return s.substring(0, index) + other + s.substring(index + 1);
    }

    private TestClient.Reply withCookieHeader(String path, String cookieHeader) {
        return server.client().get(path, "Cookie", cookieHeader, "Accept", "application/json");
    }

    private void assertRefused(String value, String code) {
        TestClient.Reply app = withCookieHeader("/app/x", COOKIE + "=" + value);
        assertThat(app.status()).as(app.body()).isEqualTo(401);
        assertThat(app.code()).isEqualTo(code);
        TestClient.Reply open = withCookieHeader("/open", COOKIE + "=" + value);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().path("signedIn").asBoolean()).isFalse();
        assertThat(open.json().path("remoteUser").isNull()).isTrue();
        assertThat(open.json().path("csrfToken").asText()).isEmpty();
    }

    @Test
    void theGenuineCookieIsTheTokenSignedWithTheSecretAndWorks() {
        assertThat(valid).isEqualTo(sign(TestServer.SECRET, token));
        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=" + valid);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isTrue();
    }

    @Test
    void signatureWithOneCharacterChangedIsRefused() {
        assertRefused(token + "." + flip(signature, 0), "INVALID_TOKEN");
        assertRefused(token + "." + flip(signature, signature.length() / 2), "INVALID_TOKEN");
    }

    /**
     * Every one-character change of the signature must be refused, including in its last character, whose low bits
     * carry no data in base64: a verifier that decodes leniently would accept a second spelling of the same value.
     */
    @Test
    void everySingleCharacterChangeOfTheSignatureIsRefused() {
        for (int i = 0; i < signature.length(); i++) {
            String altered = token + "." + flip(signature, i);
            TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=" + altered);
            assertThat(r.status()).as("signature changed at index %d: %s", i, altered).isEqualTo(401);
        }
    }

    @Test
    void signatureWithPaddingAppendedIsRefused() {
        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=" + valid + "=");
        assertThat(r.status()).as("a padded spelling of the signature is a different cookie value").isEqualTo(401);
    }

    @Test
    void tokenWithOneCharacterChangedIsRefused() {
        assertRefused(flip(token, 0) + "." + signature, "INVALID_TOKEN");
        assertRefused(flip(token, token.length() - 1) + "." + signature, "INVALID_TOKEN");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"nodotatall", "", ".", "abc.", ".abc", "a.b.c", "%%%.!!!", "null"})
    void malformedCookieIsRefusedAsInvalidToken(String value) {
        assertRefused(value, "INVALID_TOKEN");
    }

    @Test
    void cookieWithoutTheSignatureIsRefused() {
        assertRefused(token, "INVALID_TOKEN");
    }

    @Test
    void cookieSignedWithAnotherSecretIsRefused() {
        assertRefused(sign("another-secret-0123456789-abcdefghijklmnopqrstuvwxyz", token), "INVALID_TOKEN");
    }

    @Test
    void wellSignedRandomTokenThatNamesNoSessionIsRefusedAsUnauthorized() {
        assertRefused(sign(TestServer.SECRET, randomToken()), "UNAUTHORIZED");
    }

    @Test
    void wellSignedValueThatIsNotTokenShapedIsRefused() {
        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=" + sign(TestServer.SECRET, "admin"));
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void cookieOfASignedOutSessionIsRefusedAsUnauthorized() {
        TestClient browser = server.client();
        assertThat(browser.signUp("Gone", "gone@example.com", "correct horse").status()).isEqualTo(200);
        String old = browser.cookie(COOKIE).orElseThrow();
        assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
        assertRefused(old, "UNAUTHORIZED");
    }

    @Test
    void duplicateCookieWithTheValidOneSecondStillSignsIn() {
        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=planted.byasibling; " + COOKIE + "=" + valid);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isTrue();
    }

    @Test
    void duplicateCookieWithTheValidOneFirstStillSignsIn() {
        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=" + valid + "; " + COOKIE + "=planted.byasibling");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).isTrue();
    }

    /**
     * Cookie tossing: a sibling subdomain plants a genuine cookie of a session that has ended (say, the attacker's
     * own, signed out). Its signature verifies, so a resolver that takes the first verifying cookie would ignore the
     * victim's live one.
     */
    @Test
    void duplicateCookieWithAWellSignedButDeadSessionFirstStillSignsIn() {
        TestClient attacker = server.client();
        assertThat(attacker.signUp("Attacker", "attacker@example.com", "correct horse").status()).isEqualTo(200);
        String planted = attacker.cookie(COOKIE).orElseThrow();
        assertThat(attacker.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);

        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=" + planted + "; " + COOKIE + "=" + valid);
        assertThat(r.status()).as("a planted, well-signed cookie of a dead session must not shadow the live one: "
                + r.body()).isEqualTo(200);
        assertThat(r.json().path("email").asText()).isEqualTo("target@example.com");
    }

    @Test
    void duplicateCookieWithAWellSignedUnknownTokenFirstStillSignsIn() {
        String planted = sign(TestServer.SECRET, randomToken());
        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=" + planted + "; " + COOKIE + "=" + valid);
        assertThat(r.status()).as("a well-signed cookie naming no session must not shadow the live one")
                .isEqualTo(200);
    }

    @Test
    void duplicateCookiesThatAreBothForgedAreRefused() {
        TestClient.Reply r = withCookieHeader("/app/x", COOKIE + "=a.b; " + COOKIE + "=c.d");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("INVALID_TOKEN");
    }

    /** The Cookie header as clients and proxies really write it: spaces, quotes, other cookies, several headers. */
    @ParameterizedTest
    @ValueSource(strings = {
        "theme=dark; COOKIE=VALID; lang=en",
        "theme=dark;COOKIE=VALID",
        "  COOKIE = VALID  ;",
        "COOKIE=\"VALID\"",
        "a=b=c; COOKIE=VALID",
        "novalue; COOKIE=VALID",
        "\tCOOKIE=VALID\t; x=",
    })
    void theSessionCookieIsFoundWhereverTheHeaderPutsIt(String shape) {
        TestClient.Reply r = withCookieHeader("/app/x", shape.replace("COOKIE", COOKIE).replace("VALID", valid));
        assertThat(r.status()).as(shape + " -> " + r.body()).isEqualTo(200);
        assertThat(r.json().path("email").asText()).isEqualTo("target@example.com");
    }

    @Test
    void theSessionCookieIsFoundInASecondCookieHeader() {
        TestClient.Reply r = server.client().get("/app/x", "Cookie", "theme=dark", "Cookie", COOKIE + "=" + valid,
                "Accept", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Names are compared exactly: a cookie whose name merely contains ours, or differs in case, is not ours. */
    @ParameterizedTest
    @ValueSource(strings = {"x" + COOKIE, COOKIE + "x", "SESSIONAUTH.SESSION_TOKEN", "sessionauth.session_token2"})
    void aCookieWithALookAlikeNameIsIgnored(String name) {
        TestClient.Reply r = withCookieHeader("/app/x", name + "=" + valid);
        assertThat(r.status()).as(name).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void manyPlantedCookiesBeforeTheValidOneDoNotShadowIt() {
        String planted = (COOKIE + "=" + sign(TestServer.SECRET, randomToken()) + "; ").repeat(2)
                + (COOKIE + "=x.y; ").repeat(40);
        TestClient.Reply r = withCookieHeader("/app/x", planted + COOKIE + "=" + valid);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("email").asText()).isEqualTo("target@example.com");
    }

    @Test
    void cookieWithAnotherNameIsIgnored() {
        TestClient.Reply r = withCookieHeader("/app/x", "other.session_token=" + valid);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void forgedCookieDoesNotEndTheGenuineSession() {
        withCookieHeader("/app/x", COOKIE + "=" + flip(token, 3) + "." + signature);
        assertThat(withCookieHeader("/app/x", COOKIE + "=" + valid).status()).isEqualTo(200);
    }
}
