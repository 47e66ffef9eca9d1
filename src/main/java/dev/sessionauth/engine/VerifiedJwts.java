package dev.sessionauth.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.crypto.SessionClaims;
import dev.sessionauth.crypto.SessionJwt;
import java.time.Instant;
import java.util.Optional;

/**
 * The jwt strategy's {@code session_data} cookies this instance has verified, so the same cookie on the next request
 * skips parsing and the signature check: a bounded map from the cookie's signature segment to the whole cookie and
 * what was read from it (the session, its user, the session token's hash) and the cookie's own expiry. A hit needs
 * the presented cookie to equal the remembered one byte for byte, so a valid signature put on another payload finds
 * nothing; keying by the signature (43 characters, already a MAC) spares hashing the ~1 KB cookie per request. An
 * entry answers only while the cookie has not expired ({@code exp}), exactly as verifying it again would; a cookie
 * that no longer verifies is never in it, and nothing else is kept, so an entry passes nothing that the cookie
 * itself would not.
 */
final class VerifiedJwts {
    /**
     * Enough for the browsers one instance serves within a cookie's lifetime; the least used go first. A bound at the
     * working set churns (the benchmark's 10,000 rotating cookies missed often at 10,000 and cost ~12 µs more per
     * request than at twice that).
     */
    static final int DEFAULT_MAX_ENTRIES = 20_000;

    /** What a verified cookie said, trimmed to what the resolver needs. */
    record Verified(Session session, User user, String tokenHash, Instant issuedAt, Instant expiresAt) {
    }

    private record Entry(String jwt, Verified verified) {
    }

    private final Cache<String, Entry> cache;

    VerifiedJwts(int maxEntries) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** What {@code jwt} says, if it verifies (now or earlier) and has not expired at {@code now}. */
    Optional<Verified> verify(String jwt, Instant now, SessionJwt sessionJwt) {
        String key = jwt.substring(jwt.lastIndexOf('.') + 1);
        Entry known = cache.getIfPresent(key);
        // A plain comparison: a hit already needed the signature, which only the cookie's holder has.
        if (known != null && known.jwt().equals(jwt)) {
            if (now.isBefore(known.verified().expiresAt())) {
                return Optional.of(known.verified());
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
        read.ifPresent(v -> cache.put(key, new Entry(jwt, v)));
        return read;
    }

    /** How many cookies are remembered (for tests). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
