package dev.sessionauth.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies the HS256 JWT that the {@code jwt} session strategy keeps in the {@code session_data} cookie,
 * a signed cache of the session and user. The first key signs; every key verifies, which lets secrets rotate.
 */
public final class SessionJwt {
    // Keys are derived rather than the raw secrets, so a JWT MAC can never be replayed as a cookie HMAC (or back).
    private static final byte[] KEY_LABEL = "sessionauth/session-jwt/v1".getBytes(StandardCharsets.US_ASCII);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    // We only ever write alg and typ; any other header (crit, b64, kid, jwk, jku, x5u, ...) is not ours.
    private static final Set<String> ALLOWED_HEADER_PARAMS = Set.of("alg", "typ");
    private static final java.util.Base64.Decoder URL_DECODER = java.util.Base64.getUrlDecoder();
    private static final java.util.Base64.Encoder URL_ENCODER = java.util.Base64.getUrlEncoder().withoutPadding();
    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final JWSSigner signer;
    private final List<JWSVerifier> verifiers;

    public SessionJwt(List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        try {
            List<byte[]> keys = secrets.stream().map(SessionJwt::deriveKey).toList();
            this.signer = new MACSigner(keys.get(0));
            List<JWSVerifier> vs = new ArrayList<>();
            for (byte[] key : keys) {
                vs.add(new MACVerifier(key));
            }
            this.verifiers = List.copyOf(vs);
        } catch (JOSEException e) {
            // Derived keys are always 32 bytes, which MACSigner/MACVerifier accept for HS256.
            throw new IllegalStateException("cannot build HS256 keys", e);
        }
    }

    /** A compact HS256 JWS of {@code claims} plus {@code iat} and {@code exp} (epoch seconds, rounded down). */
    public String issue(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        if (claims.containsKey("iat") || claims.containsKey("exp")) {
            throw new IllegalArgumentException("iat and exp are set by SessionJwt, not by the caller");
        }
        // serializeNullClaims keeps top-level nulls, so a claim reads back the same as it was written.
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().serializeNullClaims(true);
        claims.forEach(builder::claim);
        // Rounded down (getEpochSecond floors), so the cookie never outlives the requested expiry.
        builder.issueTime(Date.from(Instant.ofEpochSecond(issuedAt.getEpochSecond())));
        builder.expirationTime(Date.from(Instant.ofEpochSecond(expiresAt.getEpochSecond())));
        SignedJWT jwt = new SignedJWT(HEADER, builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign session JWT", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims (without {@code iat}/{@code exp}) of a JWT this class issued under one of its keys, when it has
     * not expired at {@code now}; empty for anything else, never an exception.
     */
    public Optional<Map<String, Object>> verify(String compact, Instant now) {
        return open(compact, now).map(Verified::claims);
    }

    /**
     * A verified token's claims (without {@code iat}/{@code exp}), its issue time (whole seconds, as {@code iat}
     * carries it) and the instant it expires ({@code exp}).
     */
    public record Verified(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
    }

    /**
     * {@link #verify}, with the issue and expiry times too: the jwt strategy refuses caches issued before a
     * revocation, and remembers a verified cookie until it expires.
     */
    public Optional<Verified> open(String compact, Instant now) {
        try {
            return Optional.ofNullable(check(compact, now));
        } catch (Exception e) {
            // Cookie values are attacker-controlled: any parse or crypto failure is simply "not valid".
            return Optional.empty();
        }
    }

    private Verified check(String compact, Instant now) throws Exception {
        if (compact == null) {
            return null;
        }
        // JWSHeader parsing already refuses alg "none"; the exact-HS256 check refuses every other algorithm.
        SignedJWT jwt = SignedJWT.parse(compact);
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.HS256.getName().equals(header.getAlgorithm().getName())
                || !ALLOWED_HEADER_PARAMS.containsAll(header.getIncludedParams())) {
            return null;
        }
        Base64URL[] parts = jwt.getParsedParts();
        byte[] payload = null;
        for (int i = 0; i < parts.length; i++) {
            // Nimbus' decoder skips stray characters and ignores the last character's spare bits; requiring the
            // canonical spelling keeps a token from having several valid forms (e.g. tweaks to the signature).
            // The JDK's codec does this check (it refuses stray characters; re-encoding catches the rest) at a
            // fraction of the cost of nimbus' constant-time one, which made this cookie dearer than a store read.
            byte[] decoded = URL_DECODER.decode(parts[i].toString());
            if (!URL_ENCODER.encodeToString(decoded).equals(parts[i].toString())) {
                return null;
            }
            if (i == 1) {
                payload = decoded;
            }
        }
        boolean ok = false;
        for (JWSVerifier verifier : verifiers) {
            // Every key is tried, so the time does not tell which key (if any) matched.
            ok |= verifier.verify(header, jwt.getSigningInput(), jwt.getSignature());
        }
        if (!ok) {
            return null;
        }
        // The payload decoded above, parsed by nimbus as getJWTClaimsSet() would (without decoding it again).
        JWTClaimsSet claims = JWTClaimsSet.parse(new String(payload, StandardCharsets.UTF_8));
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null
                || !exp.toInstant().isAfter(now)
                || iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>(claims.getClaims());
        result.remove("iat");
        result.remove("exp");
        return new Verified(plainMap(result), iat.toInstant(), exp.toInstant());
    }

    // Copies nimbus' parsed JSON (shaded Gson maps) into plain, read-only JDK collections; nulls are kept.
    private static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            return plainMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static byte[] deriveKey(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(KEY_LABEL);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
