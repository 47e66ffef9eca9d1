package dev.sessionauth.engine;

import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.AttemptWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed password checks counted per account in fixed windows ({@code rateLimit.signIn.maxFailures} within
 * {@code rateLimit.signIn.window}, counted from the first): the web layer's throttles ask it whether an account is
 * locked and tell it about failures, so that only the engine touches the {@link AttemptStore}.
 *
 * <p>An account is the e-mail address as the engine compares it, whether or not it has an account; the store keeps
 * a hash of it, never the address. Every method may throw {@link dev.sessionauth.spi.StoreUnavailableException}.
 */
public final class AccountLocks {
    private final AttemptStore attempts;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    AccountLocks(AttemptStore attempts, Clock clock, int maxFailures, Duration window) {
        this.attempts = attempts;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** The account's failures in its open window, and how long until that window ends. */
    public record Failures(int count, Duration remaining, boolean locked) {
        static final Failures NONE = new Failures(0, Duration.ZERO, false);
    }

    /** The failures counted against {@code email} now. */
    public Failures failures(String email) {
        Instant now = now();
        Optional<AttemptWindow> open = attempts.find(key(email), now);
        if (open.isEmpty()) {
            return Failures.NONE;
        }
        AttemptWindow w = open.get();
        return new Failures(w.attempts(), Duration.between(now, w.endsAt()), w.attempts() >= maxFailures);
    }

    /** Counts one failed password check against {@code email}. */
    public void recordFailure(String email) {
        attempts.record(key(email), now(), window);
    }

    /** A per-user lock on a second factor's wrong codes, over the same store ({@link FactorLocks}). */
    FactorLocks factorLocks(String purpose, int maxFailures, Duration countWindow, Duration lockFor) {
        return new FactorLocks(attempts, clock, purpose, maxFailures, countWindow, lockFor);
    }

    /** Forgets {@code email}'s failures: the password was known, so they were typos. */
    public void clear(String email) {
        attempts.clear(key(email));
    }

    private Instant now() {
        // What every database keeps, as the engine does.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The account's key: a hash of the address compared as the engine compares addresses (stripped, lower case),
     * so {@code " Ann@Example.com"} and {@code "ann@example.com"} share one count.
     */
    static String key(String email) {
        String normalized = "sign-in:" + email.strip().toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
