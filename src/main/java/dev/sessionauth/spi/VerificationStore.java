package dev.sessionauth.spi;

import java.time.Instant;
import java.util.Optional;

/** One-time verification secrets, kept only as hashes. Every method may throw {@link StoreUnavailableException}. */
public interface VerificationStore {
    /** Stores a secret's hash for {@code identifier} (e.g. {@code email-verification:<userId>}). */
    void create(String id, String identifier, String valueHash, Instant expiresAt, Instant now);

    /**
     * Uses a secret up: deletes its row and returns its identifier if it was there and not expired. Of two
     * concurrent calls with the same secret, one wins.
     */
    Optional<String> consume(String valueHash, Instant now);

    /** The identifier of a secret that is there and not expired, without using it up (a link opened to look). */
    Optional<String> find(String valueHash, Instant now);

    /** Deletes every secret of {@code identifier}, so that only the newest link works. */
    void deleteAll(String identifier);

    /** Deletes up to {@code limit} expired secrets; how many. */
    int deleteExpired(Instant now, int limit);
}
