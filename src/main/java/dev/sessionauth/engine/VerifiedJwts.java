package dev.sessionauth.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.crypto.SessionClaims;
import dev.sessionauth.crypto.SessionJwt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The jwt strategy's {@code session_data} cookies this instance has verified, so the same cookie on the next request
 * skips parsing and the signature check: a bounded map from the SHA-256 of the cookie to what was read from it (the
 * session, its user, the session token's hash) and the cookie's own expiry. An entry answers only while the cookie
 * has not expired ({@code exp}), exactly as verifying it again would; a cookie that no longer verifies is never in
 * it, and nothing else is kept, so an entry passes nothing that the cookie itself would not.
 */
final class VerifiedJwts {
    /** Enough for the browsers one instance serves within a cookie's lifetime; the least used go first. */
    static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** What a verified cookie said, trimmed to what the resolver needs. */
    record Verified(Session session, User user, String tokenHash, Instant issuedAt, Instant expiresAt) {
    }

    private final Cache<String, Verified> cache;

    VerifiedJwts(int maxEntries) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** What {@code jwt} says, if it verifies (now or earlier) and has not expired at {@code now}. */
    Optional<Verified> verify(String jwt, Instant now, SessionJwt sessionJwt) {
        String key = sha256(jwt);
        Verified known = cache.getIfPresent(key);
        if (known != null) {
            if (now.isBefore(known.expiresAt())) {
                return Optional.of(known);
            }
            cache.invalidate(key);
            return Optional.empty();
        }
        Optional<Verified> read = sessionJwt.open(jwt, now).flatMap(v -> {
            Object tokenHash = v.claims().get(SessionClaims.TOKEN_HASH);
            return tokenHash instanceof String hash
                    ? SessionClaims.read(v.claims()).map(e -> new Verified(e.getKey(), e.getValue(), hash,
                            v.issuedAt(), v.expiresAt()))
                    : Optional.empty();
        });
        read.ifPresent(v -> cache.put(key, v));
        return read;
    }

    /** How many cookies are remembered (for tests). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static String sha256(String value) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
