package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.location;
import static dev.sessionauth.oidc.SocialIdp.FORGE;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ID tokens no honest provider would send, through both doors: the callback (the provider's token endpoint answers
 * with the token; the browser goes to the error callback with {@code unable_to_get_user_info} and no session) and a
 * native app's {@code POST /sign-in/social} with {@code idToken} (401 {@code INVALID_TOKEN}). The provider is
 * mock-oauth2-server, whose discovery and JWKS the app reads as from any provider.
 */
class ForgedIdTokensHttpTest {
    private static final RSAKey FORGERS_KEY = TestKeys.rsa("key-1");

    private static SocialIdp idp;
    private static TestServer server;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        server = TestServer.start(idp.bothProviders("socialProviders", "idp, forge, github",
                "socialProviders.github.clientId", "gh-client", "socialProviders.github.clientSecret", "gh-secret"));
        SocialTests.awaitProviders(server, SocialIdp.IDP, FORGE);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.close();
    }

    @BeforeEach
    void honestToken() {
        idp.forge("");
    }

    /** A forged token for the sign-in whose nonce is given. */
    private interface Forgery extends BiFunction<SocialIdp, String, String> {
    }

    static Stream<Arguments> forgeries() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("for another application", (Forgery) (p, nonce) ->
                        p.token(nonce, c -> c.audience("another-client"))),
                Arguments.of("from another issuer", (Forgery) (p, nonce) ->
                        p.token(nonce, c -> c.issuer("https://evil.example"))),
                Arguments.of("expired", (Forgery) (p, nonce) -> p.token(nonce, c -> c
                        .issueTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(now.minusSeconds(600))))),
                Arguments.of("issued in the future", (Forgery) (p, nonce) -> p.token(nonce, c -> c
                        .issueTime(Date.from(now.plusSeconds(600))).expirationTime(Date.from(now.plusSeconds(4200))))),
                Arguments.of("signed by another key under the provider's kid", (Forgery) (p, nonce) ->
                        SocialIdp.sign(FORGERS_KEY, JWSAlgorithm.RS256, p.keys.current().getKeyID(),
                                p.claims(nonce, c -> { }))),
                Arguments.of("signed with a kid the provider never published", (Forgery) (p, nonce) ->
                        SocialIdp.sign(FORGERS_KEY, JWSAlgorithm.RS256, "kid-of-nobody", p.claims(nonce, c -> { }))),
                Arguments.of("for another sign-in (nonce)", (Forgery) (p, nonce) ->
                        p.token("someone-elses-nonce", c -> { })),
                Arguments.of("unsigned (alg none)", (Forgery) (p, nonce) ->
                        new PlainJWT(p.claims(nonce, c -> { })).serialize()),
                Arguments.of("HMAC-signed with the client secret (HS256)", (Forgery) (p, nonce) ->
                        hs256(p, nonce)));
    }

    private static String hs256(SocialIdp p, String nonce) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(p.keys.current().getKeyID())
                    .build(), p.claims(nonce, c -> { }));
            jwt.sign(new MACSigner(SocialIdp.CLIENT_SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anHonestTokenFromTheTokenEndpointSignsIn() {
        SocialBrowser browser = new SocialBrowser(server.client(), idp);
        URI url = SocialBrowser.url(browser.start(FORGE, "callbackURL", "/dashboard"));
        idp.forge(idp.token(MockIdp.queryValue(url, "nonce"), c -> c.claim("email", Accounts.uniqueEmail("honest"))));

        Reply back = browser.client().get("/api/auth/callback/" + FORGE + "?code=any&state="
                + MockIdp.queryValue(url, "state"));

        assertThat(location(back)).isEqualTo("/dashboard");
        assertThat(back.setCookie(TOKEN_COOKIE)).isPresent();
    }

    @ParameterizedTest(name = "an ID token {0} is refused at the callback")
    @MethodSource("forgeries")
    void aForgedTokenFromTheTokenEndpointIsRefusedAtTheCallback(String what, Forgery forgery) {
        SocialBrowser browser = new SocialBrowser(server.client(), idp);
        URI url = SocialBrowser.url(browser.start(FORGE, "callbackURL", "/dashboard", "errorCallbackURL", "/oops"));
        idp.forge(forgery.apply(idp, MockIdp.queryValue(url, "nonce")));

        Reply back = browser.client().get("/api/auth/callback/" + FORGE + "?code=any&state="
                + MockIdp.queryValue(url, "state"));

        assertThat(location(back)).isEqualTo("/oops?error=unable_to_get_user_info");
        assertThat(back.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(browser.client().get(GET_SESSION).body()).isEqualTo("null");
    }

    @ParameterizedTest(name = "an ID token {0} is refused from a native app")
    @MethodSource("forgeries")
    void aForgedTokenFromANativeAppIsRefused(String what, Forgery forgery) {
        String nonce = "app-nonce-" + what.length();

        Reply in = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                Map.of("token", forgery.apply(idp, nonce), "nonce", nonce)));

        assertThat(in.status()).as(in.body()).isEqualTo(401);
        assertThat(in.json().path("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(in.setCookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void aNativeAppSignsInWithTheProvidersIdTokenAsBetterAuthAnswers() {
        String email = Accounts.uniqueEmail("native");
        String token = idp.token("app-nonce", c -> c.subject("native-" + email).claim("email", email)
                .claim("name", "Native"));
        var browser = server.client();

        Reply in = browser.post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                Map.of("token", token, "nonce", "app-nonce")));

        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("redirect").asBoolean()).isFalse();
        assertThat(in.json().has("url")).isFalse();
        assertThat(in.json().path("token").asText()).hasSize(43);
        assertThat(in.json().path("user").path("email").asText()).isEqualTo(email);
        assertThat(in.json().path("user").path("emailVerified").asBoolean()).isTrue();
        assertThat(in.setCookie(TOKEN_COOKIE)).isPresent();
        assertThat(browser.get(GET_SESSION).json().path("user").path("email").asText()).isEqualTo(email);

        // Better Auth takes a token without its nonce too (the app may not have one); the same user again.
        Reply again = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                Map.of("token", token)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("user").path("id").asText())
                .isEqualTo(in.json().path("user").path("id").asText());
    }

    @Test
    void anIdTokenThatCannotSignInIsAnsweredInBetterAuthsWords() {
        Reply github = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body("github", "idToken",
                Map.of("token", "whatever")));
        Reply noMail = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                Map.of("token", idp.token("n", c -> c.claim("email", null)), "nonce", "n")));
        Reply notAnObject = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken", "a.b.c"));
        Reply strayField = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                Map.of("token", "a.b.c", "tokn", "x")));

        assertThat(github.status()).isEqualTo(404);
        assertThat(github.json().path("code").asText()).isEqualTo("ID_TOKEN_NOT_SUPPORTED");
        assertThat(noMail.status()).as(noMail.body()).isEqualTo(401);
        assertThat(noMail.json().path("code").asText()).isIn("USER_EMAIL_NOT_FOUND", "FAILED_TO_GET_USER_INFO");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(strayField.status()).isEqualTo(400);
    }

    @Test
    void aRotatedKeyIsFetchedOnceItsKidAppears() {
        MutableClock clock = new MutableClock(Instant.now());
        try (SocialIdp rotating = SocialIdp.start();
             TestServer app = TestServer.builder().clock(clock).settings(rotating.bothProviders()).start()) {
            SocialTests.awaitProviders(app, FORGE);
            String first = Accounts.uniqueEmail("rotate");
            Reply before = app.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                    Map.of("token", rotating.token("n", c -> c.claim("email", first)), "nonce", "n")));
            assertThat(before.status()).as(before.body()).isEqualTo(200);

            // Keys are fetched at most once a minute, whatever kids turn up: the provider rotates later than that.
            clock.advance(Duration.ofSeconds(61));
            rotating.keys.use(TestKeys.rsa("key-2"));
            SocialBrowser browser = new SocialBrowser(app.client(), rotating);
            URI url = SocialBrowser.url(browser.start(FORGE, "callbackURL", "/dashboard"));
            rotating.forge(rotating.token(MockIdp.queryValue(url, "nonce"), c -> c.claim("email", first)));
            Reply back = browser.client().get("/api/auth/callback/" + FORGE + "?code=any&state="
                    + MockIdp.queryValue(url, "state"));

            assertThat(location(back)).isEqualTo("/dashboard");
            assertThat(browser.client().get(GET_SESSION).json().path("user").path("id").asText())
                    .isEqualTo(before.json().path("user").path("id").asText());
            List<String> jwksFetches = MockIdp.drain(rotating.server).stream().map(r -> r.getPath())
                    .filter(p -> p.endsWith("/jwks")).toList();
            assertThat(jwksFetches).hasSize(2);
        }
    }
}
