package dev.sessionauth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a provider's ID token (OpenID Connect Core §3.1.3.7): a compact JWS signed by one of the provider's keys
 * with an accepted asymmetric algorithm, issued by the provider ({@code iss} per its {@link IssuerRule}), for us
 * ({@code aud} contains our client id; {@code azp}, when present, is our client id, and must be present when
 * {@code aud} names several parties), current ({@code exp} not past, {@code iat} and {@code nbf} not in the future,
 * each with a small clock skew), bound to this sign-in ({@code nonce} equal to the one sent, when one was) and naming
 * the user ({@code sub}). Each refusal is an {@link OidcException} with its own {@link OidcFailure}.
 */
public final class IdTokenVerifier {
    /** How far clocks may disagree, unless configured: applied to {@code exp}, {@code iat} and {@code nbf}. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(2);

    private static final System.Logger LOG = System.getLogger(IdTokenVerifier.class.getName());
    // Real ID tokens are 1-2 KB; this bounds parsing work on what a client can send to /sign-in/social.
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final int MAX_SUBJECT_LENGTH = 255;
    // A key set rarely holds more than a handful of keys for one algorithm without kid; bounds the work per token.
    private static final int MAX_CANDIDATE_KEYS = 8;

    private final String providerId;
    private final String clientId;
    private final IssuerRule issuerRule;
    private final Jwks jwks;
    private final Clock clock;
    private final Duration clockSkew;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    /** Verifies tokens of provider {@code providerId} issued to {@code clientId}, with keys from {@code jwks}. */
    public IdTokenVerifier(String providerId, String clientId, IssuerRule issuerRule, Jwks jwks, Clock clock,
            Duration clockSkew) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.issuerRule = Objects.requireNonNull(issuerRule, "issuerRule");
        this.jwks = Objects.requireNonNull(jwks, "jwks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /** What a verified token said: all its claims, the issuer to record the account under, and the subject. */
    record Verified(Map<String, Object> claims, String accountIssuer, String subject) {
    }

    /**
     * The identity in {@code idToken}, which must carry {@code expectedNonce} (the redirect flow, or an app that sent
     * a nonce).
     *
     * @throws OidcException on any refusal, {@link OidcFailure#EMAIL_NOT_FOUND} included
     * @throws ProviderUnavailableException if the provider's keys are needed and cannot be fetched
     */
    public IdentityClaims verify(String idToken, String expectedNonce) {
        Verified verified = verifiedClaims(idToken, Objects.requireNonNull(expectedNonce, "expectedNonce"));
        return IdentityClaims.fromClaims(providerId, verified.accountIssuer(), verified.subject(), verified.claims());
    }

    /**
     * The identity in {@code idToken} without a nonce check: only for an ID token an app obtained itself and sent
     * without the nonce (Better Auth allows it; such a token can be replayed until it expires).
     */
    public IdentityClaims verifyWithoutNonce(String idToken) {
        Verified verified = verifiedClaims(idToken, null);
        return IdentityClaims.fromClaims(providerId, verified.accountIssuer(), verified.subject(), verified.claims());
    }

    /** Every check but the e-mail's; {@code expectedNonce} null means none is required. */
    Verified verifiedClaims(String idToken, String expectedNonce) {
        SignedJWT jwt = signedJwt(idToken);
        JWSHeader header = jwt.getHeader();
        if (!jwks.acceptedAlgorithms().contains(header.getAlgorithm())) {
            throw refuse(OidcFailure.ID_TOKEN_ALGORITHM_REFUSED, "algorithm " + header.getAlgorithm());
        }
        if (header.getType() != null && !isJwtType(header.getType())) {
            // An access token (typ at+jwt) or anything else typed is not an ID token, whatever it claims.
            throw refuse(OidcFailure.ID_TOKEN_MALFORMED, "typ " + Urls.forLog(header.getType().getType(), 40));
        }
        verifySignature(jwt, header);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refuse(OidcFailure.ID_TOKEN_MALFORMED, "claims are not a JWT claims set");
        }
        Map<String, Object> values = claims.getClaims();
        if (!issuerRule.acceptsTokenClaims(values)) {
            throw refuse(OidcFailure.ID_TOKEN_ISSUER_MISMATCH, "iss " + Urls.forLog(claims.getIssuer(), 200));
        }
        checkAudience(claims);
        checkTimes(claims);
        if (expectedNonce != null && !(values.get("nonce") instanceof String nonce && sameSecret(nonce, expectedNonce))) {
            throw refuse(OidcFailure.NONCE_MISMATCH, values.containsKey("nonce") ? "nonce differs" : "no nonce");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw refuse(OidcFailure.SUBJECT_MISSING, "sub absent, blank or too long");
        }
        return new Verified(values, issuerRule.accountIssuer(claims.getIssuer()), subject);
    }

    private SignedJWT signedJwt(String idToken) {
        if (idToken == null || idToken.isBlank() || idToken.length() > MAX_TOKEN_CHARS) {
            throw refuse(OidcFailure.ID_TOKEN_MALFORMED, "absent or longer than " + MAX_TOKEN_CHARS);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw refuse(OidcFailure.ID_TOKEN_MALFORMED, "not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw refuse(OidcFailure.ID_TOKEN_ALGORITHM_REFUSED, "alg none");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw refuse(OidcFailure.ID_TOKEN_MALFORMED, "encrypted, not signed");
        }
        return signed;
    }

    private static boolean isJwtType(JOSEObjectType type) {
        String name = type.getType();
        return "JWT".equalsIgnoreCase(name) || "application/jwt".equalsIgnoreCase(name);
    }

    private void verifySignature(SignedJWT jwt, JWSHeader header) {
        List<JWK> candidates = jwks.keysFor(header);
        if (candidates.isEmpty()) {
            throw refuse(OidcFailure.ID_TOKEN_KEY_UNKNOWN, "no key for kid " + Urls.forLog(header.getKeyID(), 80));
        }
        for (JWK key : candidates.subList(0, Math.min(candidates.size(), MAX_CANDIDATE_KEYS))) {
            try {
                JWSVerifier verifier = verifiers.createJWSVerifier(header, publicKey(key));
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | IllegalStateException e) {
                // A key that cannot verify this token is simply not its key; try the next.
                LOG.log(System.Logger.Level.DEBUG, () -> "key " + key.getKeyID() + " of " + providerId
                        + " cannot verify: " + e.getClass().getSimpleName());
            }
        }
        throw refuse(OidcFailure.ID_TOKEN_SIGNATURE_INVALID, "signature does not verify");
    }

    private static Key publicKey(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        if (key instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        throw new JOSEException("unsupported key type");
    }

    private void checkAudience(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        if (!audience.contains(clientId)) {
            throw refuse(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH, "aud does not contain our client id");
        }
        Object azp = claims.getClaim("azp");
        if (azp == null && audience.size() > 1) {
            throw refuse(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH, "several audiences and no azp");
        }
        if (azp != null && !clientId.equals(azp)) {
            throw refuse(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH, "azp is another party");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || now.isAfter(expires.toInstant().plus(clockSkew))) {
            throw refuse(OidcFailure.ID_TOKEN_EXPIRED, expires == null ? "no exp" : "exp " + expires.toInstant());
        }
        Date issued = claims.getIssueTime();
        if (issued == null || issued.toInstant().isAfter(now.plus(clockSkew))) {
            throw refuse(OidcFailure.ID_TOKEN_NOT_YET_VALID, issued == null ? "no iat" : "iat " + issued.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(clockSkew))) {
            throw refuse(OidcFailure.ID_TOKEN_NOT_YET_VALID, "nbf " + notBefore.toInstant());
        }
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private OidcException refuse(OidcFailure failure, String detail) {
        LOG.log(System.Logger.Level.DEBUG, () -> "ID token of " + providerId + " refused (" + failure + "): " + detail);
        return new OidcException(failure);
    }
}
