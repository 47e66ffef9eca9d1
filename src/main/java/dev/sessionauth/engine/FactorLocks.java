package dev.sessionauth.engine;

import dev.sessionauth.spi.AttemptStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Wrong codes of a second factor counted per user in the engine's {@link AttemptStore} (memory, or the database under
 * {@code rateLimit.storage=database}, so every instance sees one count): after {@code maxFailures} in a row the user's
 * codes are refused for {@code lockFor}, and the count starts afresh when the lock ends; a right code clears it. Two
 * keys per user: the failures (a window of {@code countWindow} from the first) and the lock (a window of
 * {@code lockFor} from the failure that set it).
 *
 * <p>Unlike the sign-in lock it holds whatever {@code rateLimit.enabled} says: it is part of the factor's strength,
 * not a courtesy to the server. Every method may throw {@link dev.sessionauth.spi.StoreUnavailableException}.
 */
public final class FactorLocks {
    private final AttemptStore attempts;
    private final Clock clock;
    private final String purpose;
    private final int maxFailures;
    private final Duration countWindow;
    private final Duration lockFor;

    FactorLocks(AttemptStore attempts, Clock clock, String purpose, int maxFailures, Duration countWindow,
                Duration lockFor) {
        if (maxFailures < 1 || countWindow.isNegative() || countWindow.isZero() || lockFor.isNegative()
                || lockFor.isZero()) {
            throw new IllegalArgumentException("a lock needs at least one failure and positive windows");
        }
        this.attempts = attempts;
        this.clock = clock;
        this.purpose = purpose;
        this.maxFailures = maxFailures;
        this.countWindow = countWindow;
        this.lockFor = lockFor;
    }

    /** How long {@code userId}'s codes are still refused; empty when they are not. */
    public Optional<Duration> lockedFor(String userId) {
        Instant now = now();
        return attempts.find(key("lock", userId), now).map(w -> Duration.between(now, w.endsAt()));
    }

    /** Counts one wrong code of {@code userId}; the one that reaches the limit starts the lock. */
    public void recordFailure(String userId) {
        Instant now = now();
        String failures = key("failures", userId);
        attempts.record(failures, now, countWindow);
        int count = attempts.find(failures, now).map(w -> w.attempts()).orElse(0);
        if (count >= maxFailures) {
            // Racing failures may both get here: the lock's window opens at the first, the second only counts in it.
            attempts.record(key("lock", userId), now, lockFor);
            attempts.clear(failures);
        }
    }

    /** A right code: the failures before it were not in a row with any later one. A running lock stays. */
    public void clear(String userId) {
        attempts.clear(key("failures", userId));
    }

    /** Forgets {@code userId}'s failures and lock: the factor itself was replaced or removed. */
    public void reset(String userId) {
        attempts.clear(key("failures", userId));
        attempts.clear(key("lock", userId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A key no other count shares, hashed to the store's key length; the user id never appears in it. */
    private String key(String kind, String userId) {
        String name = purpose + ":" + kind + ":" + userId;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
