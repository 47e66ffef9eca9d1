package dev.sessionauth.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts attempts per key (such as an account's failed sign-ins) in fixed windows: a window opens at the first
 * attempt and ends {@code window} later, whatever happens in between. Every method may throw
 * {@link StoreUnavailableException}.
 */
public interface AttemptStore {
    /** The key's window that is still open at {@code now}, if attempts were counted in one. */
    Optional<AttemptWindow> find(String key, Instant now);

    /**
     * Counts one attempt: in the key's open window, or in a new one that opens at {@code now} and lasts
     * {@code window}. Concurrent calls, from this instance or others sharing the store, all count.
     */
    void record(String key, Instant now, Duration window);

    /** Forgets the key's attempts. */
    void clear(String key);

    /** Deletes up to {@code limit} windows that have ended by {@code now}; how many. */
    int deleteEnded(Instant now, int limit);
}
