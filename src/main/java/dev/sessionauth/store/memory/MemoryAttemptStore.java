package dev.sessionauth.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.AttemptWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link AttemptStore} in this instance's memory. Bounded: a window is dropped when it ends, and at most
 * {@code maxKeys} are kept (the least useful go first), so addresses made up by the million cannot grow it.
 */
public final class MemoryAttemptStore implements AttemptStore {
    private final Cache<String, AttemptWindow> windows;

    /**
     * @param clock what "now" is for expiry (the engine's clock, so tests can move it)
     */
    public MemoryAttemptStore(Clock clock, long maxKeys) {
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .ticker(() -> clock.millis() * 1_000_000L)
                // Upkeep on the calling thread: cheap at this size, and nothing left running behind a request.
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, AttemptWindow>writing((key, w) -> untilEnd(clock, w)))
                .build();
    }

    private static Duration untilEnd(Clock clock, AttemptWindow w) {
        Duration left = Duration.between(clock.instant(), w.endsAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public Optional<AttemptWindow> find(String key, Instant now) {
        return Optional.ofNullable(windows.getIfPresent(key)).filter(w -> w.endsAt().isAfter(now));
    }

    @Override
    public void record(String key, Instant now, Duration window) {
        windows.asMap().compute(key, (k, w) -> w == null || !w.endsAt().isAfter(now)
                ? new AttemptWindow(1, now.plus(window))
                : new AttemptWindow(w.attempts() + 1, w.endsAt()));
    }

    @Override
    public void clear(String key) {
        windows.invalidate(key);
    }

    @Override
    public int deleteEnded(Instant now, int limit) {
        // Ended windows expire on their own; this only makes that happen now.
        windows.cleanUp();
        return 0;
    }

    /** How many keys are held right now (after dropping what has ended or was evicted). */
    public long size() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}
