package dev.sessionauth.twofactor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The attempt limits on second-factor codes at sign-in, Better Auth's numbers as pure decisions over counts and
 * times (the counts live in the database): a pending sign-in allows 5 wrong codes, and an account is locked for
 * 15 minutes after 10 wrong codes in a row. TOTP and backup codes count alike, against both limits.
 *
 * <p>Order of a try on the sign-in path: {@link #gate} first (a locked account answers 429 and spends no attempt;
 * an exhausted sign-in answers 400 and ends), then the code; a wrong code is recorded with
 * {@link Challenge#afterFailure()} and {@link Account#afterFailure(Instant)}, a right one with
 * {@link Account#afterSuccess()} and the pending sign-in consumed. Better Auth applies neither limit to a signed-in
 * user re-verifying (its verify-* endpoints with a session); whether SessionAuth's step-up checks should is the
 * caller's call.
 */
public final class TwoFactorAttempts {
    /**
     * Wrong codes one pending sign-in allows; the next try is refused even with the right code. Better Auth's
     * {@code DEFAULT_TWO_FACTOR_ALLOWED_ATTEMPTS} ({@code plugins/two-factor/constant.ts}), enforced in
     * {@code verify-two-factor.ts} ({@code beginAttempt}).
     */
    public static final int ALLOWED_ATTEMPTS_PER_CHALLENGE = 5;
    /**
     * Wrong codes in a row, across pending sign-ins and factors, that lock the account. Better Auth's
     * {@code DEFAULT_ACCOUNT_LOCKOUT_MAX_FAILED_ATTEMPTS} ({@code constant.ts}; NIST SP 800-63B §5.2.2), enforced in
     * {@code verify-two-factor.ts} ({@code recordTwoFactorFailure}).
     */
    public static final int LOCKOUT_MAX_FAILED_ATTEMPTS = 10;
    /** How long the lock lasts: Better Auth's {@code DEFAULT_ACCOUNT_LOCKOUT_DURATION_SECONDS = 15 * 60}. */
    public static final Duration LOCKOUT_DURATION = Duration.ofMinutes(15);

    private TwoFactorAttempts() {
    }

    /** What to do with a code presented at sign-in, decided before looking at the code. */
    public enum Gate {
        /** Check the code. */
        CHECK_CODE,
        /**
         * The account is locked: 429 {@code ACCOUNT_TEMPORARILY_LOCKED}. No attempt is spent and the pending sign-in
         * stays, as in Better Auth.
         */
        ACCOUNT_LOCKED,
        /**
         * The pending sign-in has used its attempts: 400 {@code TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE}; end it and
         * expire its cookie, so the next try needs the password again.
         */
        TOO_MANY_ATTEMPTS
    }

    /** Whether a code presented now may be checked, given the pending sign-in's and the account's failures. */
    public static Gate gate(Challenge challenge, Account account, Instant now) {
        if (account.lockedAt(now)) {
            return Gate.ACCOUNT_LOCKED;
        }
        if (challenge.exhausted()) {
            return Gate.TOO_MANY_ATTEMPTS;
        }
        return Gate.CHECK_CODE;
    }

    /**
     * The wrong codes one pending sign-in has seen. The caller spends an attempt with a compare-and-set on the stored
     * count, so a burst of concurrent tries cannot exceed the budget.
     */
    public record Challenge(int failures) {
        /** A pending sign-in that has seen no code yet. */
        public static final Challenge FRESH = new Challenge(0);

        public Challenge {
            if (failures < 0) {
                throw new IllegalArgumentException("failures cannot be negative");
            }
        }

        /** After one more wrong code. */
        public Challenge afterFailure() {
            return new Challenge(failures + 1);
        }

        /** Whether its attempts are spent, so that even the right code is refused. */
        public boolean exhausted() {
            return failures >= ALLOWED_ATTEMPTS_PER_CHALLENGE;
        }
    }

    /**
     * An account's wrong codes in a row and, once they reach {@link #LOCKOUT_MAX_FAILED_ATTEMPTS}, the end of its
     * lock.
     *
     * @param consecutiveFailures wrong codes since the last right one (or the last lock's end)
     * @param lockedUntil         when the lock ends, if the account has been locked
     */
    public record Account(int consecutiveFailures, Optional<Instant> lockedUntil) {
        /** An account with no wrong code to its name. */
        public static final Account CLEAN = new Account(0, Optional.empty());

        public Account {
            if (consecutiveFailures < 0) {
                throw new IllegalArgumentException("failures cannot be negative");
            }
        }

        /** Whether codes are refused at {@code now}. */
        public boolean lockedAt(Instant now) {
            return lockedUntil.filter(now::isBefore).isPresent();
        }

        /** How long the lock still lasts at {@code now} (a {@code Retry-After}); empty when not locked. */
        public Optional<Duration> remainingAt(Instant now) {
            return lockedUntil.filter(now::isBefore).map(end -> Duration.between(now, end));
        }

        /**
         * The state as it stands at {@code now}: a lock that has ended is cleared together with its count (Better
         * Auth clears it lazily at the next check), so the account gets a full 10 tries again.
         */
        public Account at(Instant now) {
            return lockedUntil.isPresent() && !lockedAt(now) ? CLEAN : this;
        }

        /** After a wrong code at {@code now}: one more in a row, and the lock starts when they reach the limit. */
        public Account afterFailure(Instant now) {
            Account current = at(now);
            int failures = current.consecutiveFailures + 1;
            return failures >= LOCKOUT_MAX_FAILED_ATTEMPTS
                    ? new Account(failures, Optional.of(now.plus(LOCKOUT_DURATION)))
                    : new Account(failures, current.lockedUntil);
        }

        /** After a right code: the count only tracks failures in a row. */
        public Account afterSuccess() {
            return CLEAN;
        }
    }
}
