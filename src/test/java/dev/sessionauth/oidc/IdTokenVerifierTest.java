package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ID token verification against the keys mock-oauth2-server publishes. The test holds the provider's signing key, so
 * it can sign exactly the token each case needs; time is a fixed clock.
 */
class IdTokenVerifierTest {
    private static final String CLIENT_ID = "web-client";
    private static final String CLIENT_SECRET = "a-client-secret-of-at-least-32-bytes!";
    private static final String NONCE = "n0nce-n0nce-n0nce";
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    // Generated once: a 2048-bit key costs up to a second.
    private static final RSAKey KEY_1 = TestKeys.rsa("key-1");
    private static final RSAKey KEY_2 = TestKeys.rsa("key-2");
    private static final RSAKey KEY_3 = TestKeys.rsa("key-3");
    private static final RSAKey FORGERS_KEY_1 = TestKeys.rsa("key-1");

    private static TestKeys keys;
    private static MockOAuth2Server server;
    private static String issuer;

    private final MutableClock clock = new MutableClock(NOW);
    private Jwks jwks;
    private IdTokenVerifier verifier;

    @BeforeAll
    static void startProvider() {
        keys = new TestKeys(KEY_1);
        server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys),
                Set.of(), new MockWebServerWrapper()));
        server.start();
        issuer = server.issuerUrl("idp").toString();
    }

    @AfterAll
    static void stopProvider() {
        server.shutdown();
    }

    @BeforeEach
    void freshVerifier() {
        keys.use(KEY_1);
        jwks = new Jwks("idp", URI.create(server.jwksUrl("idp").toString()), Jwks.ASYMMETRIC_ALGORITHMS,
                OidcHttp.defaults(), clock, Duration.ofSeconds(60));
        verifier = new IdTokenVerifier("idp", CLIENT_ID, new IssuerRule.Exact(issuer), jwks, clock,
                IdTokenVerifier.DEFAULT_CLOCK_SKEW);
        MockIdp.drain(server);
    }

    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("user-1").audience(CLIENT_ID)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(3600))).claim("nonce", NONCE)
                .claim("email", "ann@example.com").claim("email_verified", true);
    }

    private static String sign(RSAKey key, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(Consumer<JWTClaimsSet.Builder> edit) {
        JWTClaimsSet.Builder claims = validClaims();
        edit.accept(claims);
        return sign(KEY_1, JWSAlgorithm.RS256, "key-1", claims.build());
    }

    private static void refused(OidcFailure failure, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", failure)
                .hasMessage(failure.message());
    }

    private long jwksFetches() {
        return MockIdp.drain(server).stream().filter(r -> r.getPath().endsWith("/idp/jwks")).count();
    }

    @Test
    void aTokenSignedByTheProvidersKeyYieldsTheIdentity() {
        IdentityClaims identity = verifier.verify(token(c -> c.claim("name", "Ann").claim("picture",
                "https://img.example/ann.png")), NONCE);

        assertThat(identity).isEqualTo(new IdentityClaims("idp", issuer, "user-1", "ann@example.com", true,
                Optional.of("Ann"), Optional.of("https://img.example/ann.png"), Optional.empty()));
    }

    @Test
    void anExpiredTokenIsRefused() {
        refused(OidcFailure.ID_TOKEN_EXPIRED, () -> verifier.verify(token(c -> c.issueTime(Date.from(NOW.minusSeconds(7200)))
                .expirationTime(Date.from(NOW.minusSeconds(121)))), NONCE));
        refused(OidcFailure.ID_TOKEN_EXPIRED, () -> verifier.verify(token(c -> c.expirationTime(null)), NONCE));
    }

    @Test
    void anExpiryWithinTheClockSkewIsTolerated() {
        String token = token(c -> c.expirationTime(Date.from(NOW.plusSeconds(60))));
        clock.advance(Duration.ofSeconds(60 + 119));
        assertThat(verifier.verify(token, NONCE).subject()).isEqualTo("user-1");
        clock.advance(Duration.ofSeconds(2));
        refused(OidcFailure.ID_TOKEN_EXPIRED, () -> verifier.verify(token, NONCE));
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheSkewIsRefused() {
        refused(OidcFailure.ID_TOKEN_NOT_YET_VALID,
                () -> verifier.verify(token(c -> c.issueTime(Date.from(NOW.plusSeconds(121)))), NONCE));
        refused(OidcFailure.ID_TOKEN_NOT_YET_VALID,
                () -> verifier.verify(token(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(600)))), NONCE));
        refused(OidcFailure.ID_TOKEN_NOT_YET_VALID, () -> verifier.verify(token(c -> c.issueTime(null)), NONCE));
        assertThat(verifier.verify(token(c -> c.issueTime(Date.from(NOW.plusSeconds(90)))), NONCE).subject())
                .isEqualTo("user-1");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheProvidersKidIsRefused() {
        String forged = sign(FORGERS_KEY_1, JWSAlgorithm.RS256, "key-1", validClaims().build());
        refused(OidcFailure.ID_TOKEN_SIGNATURE_INVALID, () -> verifier.verify(forged, NONCE));
    }

    @Test
    void aTokenWithAChangedClaimNoLongerVerifies() {
        String token = token(c -> { });
        String[] parts = token.split("\\.");
        String otherClaims = validClaims().subject("admin").build().toPayload().toBase64URL().toString();
        refused(OidcFailure.ID_TOKEN_SIGNATURE_INVALID,
                () -> verifier.verify(parts[0] + "." + otherClaims + "." + parts[2], NONCE));
    }

    @Test
    void anIdTokenSignedWithAnUnknownKidRefetchesTheKeysOnce() {
        verifier.verify(token(c -> { }), NONCE);
        assertThat(jwksFetches()).as("the first verification fetches the keys").isEqualTo(1);
        verifier.verify(token(c -> { }), NONCE);
        assertThat(jwksFetches()).as("a known kid is served from the cache").isZero();

        // The provider rotates its key after the refetch interval has passed since the first fetch.
        clock.advance(Duration.ofSeconds(60));
        RSAKey key2 = KEY_2;
        keys.use(key2);
        IdentityClaims identity = verifier.verify(sign(key2, JWSAlgorithm.RS256, "key-2", validClaims().build()), NONCE);

        assertThat(identity.subject()).isEqualTo("user-1");
        assertThat(jwksFetches()).as("the rotated key was fetched once").isEqualTo(1);
    }

    @Test
    void aSecondUnknownKidWithinTheRateLimitWindowIsRefusedWithoutAFetch() {
        verifier.verify(token(c -> { }), NONCE);
        clock.advance(Duration.ofSeconds(60));
        MockIdp.drain(server);
        RSAKey key2 = KEY_2;
        keys.use(key2);
        verifier.verify(sign(key2, JWSAlgorithm.RS256, "key-2", validClaims().build()), NONCE);
        assertThat(jwksFetches()).isEqualTo(1);

        RSAKey unknown = KEY_3;
        clock.advance(Duration.ofSeconds(59));
        refused(OidcFailure.ID_TOKEN_KEY_UNKNOWN,
                () -> verifier.verify(sign(unknown, JWSAlgorithm.RS256, "key-3", validClaims().build()), NONCE));
        assertThat(jwksFetches()).as("no fetch within 60 s of the last").isZero();

        clock.advance(Duration.ofSeconds(1));
        keys.use(unknown);
        assertThat(verifier.verify(sign(unknown, JWSAlgorithm.RS256, "key-3", validClaims().build()), NONCE).subject())
                .isEqualTo("user-1");
        assertThat(jwksFetches()).as("after the window, one fetch again").isEqualTo(1);
    }

    @Test
    void anUnsignedTokenIsRefusedWithoutLookingForAKey() {
        String unsigned = new PlainJWT(validClaims().build()).serialize();
        refused(OidcFailure.ID_TOKEN_ALGORITHM_REFUSED, () -> verifier.verify(unsigned, NONCE));
        refused(OidcFailure.ID_TOKEN_ALGORITHM_REFUSED, () -> verifier.verifyWithoutNonce(unsigned));
        assertThat(jwksFetches()).isZero();
    }

    @Test
    void anHmacTokenIsRefusedEvenWhenSignedWithTheClientSecret() throws JOSEException {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
                validClaims().build());
        hmac.sign(new MACSigner(CLIENT_SECRET));
        refused(OidcFailure.ID_TOKEN_ALGORITHM_REFUSED, () -> verifier.verify(hmac.serialize(), NONCE));
    }

    @Test
    void aKeyThatNamesItsAlgorithmVerifiesNoOther() {
        RSAKey rs256Key = new RSAKey.Builder(KEY_1).algorithm(JWSAlgorithm.RS256).build();
        keys.use(rs256Key);
        refused(OidcFailure.ID_TOKEN_KEY_UNKNOWN,
                () -> verifier.verify(sign(KEY_1, JWSAlgorithm.PS256, "key-1", validClaims().build()), NONCE));
    }

    @Test
    void anAlgorithmTheProviderDoesNotAdvertiseIsRefused() {
        String ps256 = sign(KEY_1, JWSAlgorithm.PS256, "key-1", validClaims().build());
        assertThat(verifier.verify(ps256, NONCE).subject()).as("advertised by the mock").isEqualTo("user-1");

        Jwks rs256Only = new Jwks("idp", URI.create(server.jwksUrl("idp").toString()), Set.of(JWSAlgorithm.RS256),
                OidcHttp.defaults(), clock, Duration.ofSeconds(60));
        IdTokenVerifier strict = new IdTokenVerifier("idp", CLIENT_ID, new IssuerRule.Exact(issuer), rs256Only, clock,
                IdTokenVerifier.DEFAULT_CLOCK_SKEW);
        refused(OidcFailure.ID_TOKEN_ALGORITHM_REFUSED, () -> strict.verify(ps256, NONCE));
    }

    @Test
    void anotherIssuerIsRefused() {
        refused(OidcFailure.ID_TOKEN_ISSUER_MISMATCH,
                () -> verifier.verify(token(c -> c.issuer("https://evil.example")), NONCE));
        refused(OidcFailure.ID_TOKEN_ISSUER_MISMATCH, () -> verifier.verify(token(c -> c.issuer(issuer + "/")), NONCE));
        refused(OidcFailure.ID_TOKEN_ISSUER_MISMATCH, () -> verifier.verify(token(c -> c.issuer(null)), NONCE));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH,
                () -> verifier.verify(token(c -> c.audience("other-client")), NONCE));
        refused(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH, () -> verifier.verify(token(c -> c.audience(List.of())), NONCE));
    }

    @Test
    void severalAudiencesNeedAnAzpThatIsOurClient() {
        refused(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH,
                () -> verifier.verify(token(c -> c.audience(List.of(CLIENT_ID, "other-client"))), NONCE));
        assertThat(verifier.verify(token(c -> c.audience(List.of(CLIENT_ID, "other-client")).claim("azp", CLIENT_ID)),
                NONCE).subject()).isEqualTo("user-1");
        refused(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH,
                () -> verifier.verify(token(c -> c.claim("azp", "other-client")), NONCE));
    }

    @Test
    void aNonceOtherThanTheOneSentIsRefused() {
        refused(OidcFailure.NONCE_MISMATCH, () -> verifier.verify(token(c -> c.claim("nonce", "replayed")), NONCE));
        refused(OidcFailure.NONCE_MISMATCH, () -> verifier.verify(token(c -> c.claim("nonce", null)), NONCE));
        assertThat(verifier.verifyWithoutNonce(token(c -> c.claim("nonce", null))).subject()).isEqualTo("user-1");
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        refused(OidcFailure.SUBJECT_MISSING, () -> verifier.verify(token(c -> c.subject(null)), NONCE));
        refused(OidcFailure.SUBJECT_MISSING, () -> verifier.verify(token(c -> c.subject("x".repeat(256))), NONCE));
    }

    @Test
    void aTokenWithoutEmailIsEmailNotFound() {
        assertThatThrownBy(() -> verifier.verify(token(c -> c.claim("email", null)), NONCE))
                .isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", OidcFailure.EMAIL_NOT_FOUND)
                .hasFieldOrPropertyWithValue("callbackError", "email_not_found");
        assertThat(OidcFailure.EMAIL_NOT_FOUND.apiCode()).isEqualTo("USER_EMAIL_NOT_FOUND");
    }

    @Test
    void anAccessTokenIsNotAnIdToken() throws JOSEException {
        SignedJWT accessToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1")
                .type(new JOSEObjectType("at+jwt")).build(), validClaims().build());
        accessToken.sign(new RSASSASigner(KEY_1));
        refused(OidcFailure.ID_TOKEN_MALFORMED, () -> verifier.verify(accessToken.serialize(), NONCE));
    }

    @Test
    void whatIsNotACompactSignedJwtIsMalformed() {
        for (String bad : List.of("", "not-a-jwt", "a.b.c.d.e", token(c -> { }) + "x".repeat(17_000))) {
            refused(OidcFailure.ID_TOKEN_MALFORMED, () -> verifier.verify(bad, NONCE));
        }
        assertThat(OidcFailure.ID_TOKEN_MALFORMED.callbackError()).isEqualTo("unable_to_get_user_info");
        assertThat(OidcFailure.ID_TOKEN_MALFORMED.apiCode()).isEqualTo("INVALID_TOKEN");
    }

    static Stream<Arguments> emailVerifiedValues() {
        return Stream.of(Arguments.of(true, true), Arguments.of("true", true), Arguments.of("TRUE", true),
                Arguments.of(false, false), Arguments.of("false", false), Arguments.of("yes", false),
                Arguments.of(1, false), Arguments.of(null, false));
    }

    @ParameterizedTest
    @MethodSource("emailVerifiedValues")
    void emailVerifiedIsTrueOnlyForTrueOrTheStringTrue(Object claim, boolean verified) {
        assertThat(verifier.verify(token(c -> c.claim("email_verified", claim)), NONCE).emailVerified())
                .isEqualTo(verified);
    }

    @Test
    void microsoftsVerifiedAddressListsVouchForTheAddressTheyContain() {
        assertThat(verifier.verify(token(c -> c.claim("email_verified", null)
                .claim("verified_primary_email", List.of("ANN@example.com"))), NONCE).emailVerified()).isTrue();
        assertThat(verifier.verify(token(c -> c.claim("email_verified", null)
                .claim("verified_secondary_email", List.of("other@example.com"))), NONCE).emailVerified()).isFalse();
    }

    @Test
    void aPictureThatIsNotAnHttpUrlIsDropped() {
        assertThat(verifier.verify(token(c -> c.claim("picture", "javascript:alert(1)")), NONCE).picture()).isEmpty();
    }
}
