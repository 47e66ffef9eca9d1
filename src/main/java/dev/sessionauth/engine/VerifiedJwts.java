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
 * skips parsing and the signature check: a bounded map from the session token's hash to the last cookie verified for
 * that session and what was read from it (the session, its user) with the cookie's own expiry. A hit needs the
 * presented cookie to equal the remembered one character for character and to belong to the presented session
 * cookie; an entry answers only while the cookie has not expired ({@code exp}), exactly as verifying it again would.
 * A cookie that does not verify is never in it, so an entry passes nothing that the cookie itself would not.
 */
final class VerifiedJwts {
    /**
     * Sessions whose cookies one instance serves within a cookie's lifetime; the least used go first. One entry per
     * session (a re-issued cookie replaces its predecessor), roughly 1.5 KB each.
     */
    static final int DEFAULT_MAX_ENTRIES = 20_000;

    /** What a verified cookie said, trimmed to what the resolver needs. */
    record Verified(Session session, User user, Instant issuedAt, Instant expiresAt) {
    }

    private record Entry(String jwt, Verified verified) {
    }

    // Keyed by session, not by cookie: a browser's next cookie replaces its last one in place, where a key per
    // cookie filled the map with superseded cookies that the frequency-based eviction kept over the new ones.
    private final Cache<String, Entry> cache;

    VerifiedJwts(int maxEntries) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /**
     * What {@code jwt} says, if it verifies (now or earlier), has not expired at {@code now} and was issued for the
     * session whose token hashes to {@code tokenHash}.
     */
    Optional<Verified> verify(String tokenHash, String jwt, Instant now, SessionJwt sessionJwt) {
        Entry known = cache.getIfPresent(tokenHash);
        // A plain comparison: the remembered cookie is this session's own, which its holder already has.
        if (known != null && known.jwt().equals(jwt)) {
            if (now.isBefore(known.verified().expiresAt())) {
                return Optional.of(known.verified());
            }
            cache.invalidate(tokenHash);
            return Optional.empty();
        }
        Optional<Verified> read = sessionJwt.open(jwt, now).flatMap(v -> {
            Object claimedHash = v.claims().get(SessionClaims.TOKEN_HASH);
            // The cache belongs to exactly this session cookie: one swapped in beside another is not trusted.
            return tokenHash.equals(claimedHash)
                    ? SessionClaims.read(v.claims()).map(e -> new Verified(e.getKey(), e.getValue(), v.issuedAt(),
                            v.expiresAt()))
                    : Optional.empty();
        });
        read.ifPresent(v -> cache.put(tokenHash, new Entry(jwt, v)));
        return read;
    }

    /** How many sessions' cookies are remembered (for tests). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
