package dev.sessionauth.web;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.SignedIn;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.engine.AccountLocks;
import java.util.function.Supplier;

/**
 * Per account on failed sign-ins and wrong current passwords (change-password, delete-user; one count per account
 * for both) (DESIGN.md section 6): {@code rateLimit.signIn.maxFailures} wrong passwords within
 * {@code rateLimit.signIn.window} (counted from the first) lock the account until that window ends; every sign-in
 * to it is then answered 429 with {@code Retry-After}, without a password check.
 *
 * <ul>
 *   <li>The account is the e-mail address as typed, compared as the engine compares it, whether or not it has
 *       an account: an unknown address guessed five times is locked exactly like a real one, so the answer tells
 *       nobody which addresses exist.</li>
 *   <li>A correct password is refused too while the account is locked. Were it let through, a locked account
 *       would still check every guess and answer the right one with 200, and the lock would limit nothing.</li>
 *   <li>A successful sign-in clears the count: the password was known, so the failures before it were typos,
 *       and the owner should not stay one typo from a lock for the rest of the window.</li>
 *   <li>The lock is checked before the request queues for password hashing (a locked account costs no bcrypt)
 *       and again once it holds a hashing slot, and a failure is counted before the slot is given back. So a
 *       burst of concurrent guesses gets at most {@code maxFailures + maxConcurrentHashes - 1} of them checked
 *       per instance (with {@code rateLimit.storage=database}, one count for all instances), and honest
 *       concurrent sign-ins of one account never wait on each other beyond the hashing queue.</li>
 * </ul>
 * Anyone can lock an account for one window by guessing at it; that is the price of limiting guesses per
 * account at all, and the window is short for that reason.
 */
final class SignInThrottle {
    private final boolean enabled;
    private final AccountLocks locks;
    private final HashingQueue hashing;

    SignInThrottle(AuthConfig config, AccountLocks locks, HashingQueue hashing) {
        this.enabled = config.rateLimitEnabled();
        this.locks = locks;
        this.hashing = hashing;
    }

    /**
     * Runs {@code signIn} (the engine's check of {@code email} and a password) unless the account is locked, and
     * counts it when it fails with {@code INVALID_EMAIL_OR_PASSWORD}.
     *
     * @throws TooManyRequestsException the account is locked, or no hashing slot freed up in time
     */
    SignedIn signIn(String email, Supplier<SignedIn> signIn) {
        return guarded(email, ErrorCode.INVALID_EMAIL_OR_PASSWORD, "Too many failed sign-ins for this account", signIn);
    }

    /**
     * Runs {@code check} (work that checks the current password of the signed-in account {@code email}: changing the
     * password, deleting the account) under the same lock and count as its sign-ins: a stolen session must not
     * guess the password faster than a sign-in form could. Counts it when it fails with {@code INVALID_PASSWORD}.
     *
     * @throws TooManyRequestsException the account is locked, or no hashing slot freed up in time
     */
    <T> T passwordCheck(String email, Supplier<T> check) {
        return guarded(email, ErrorCode.INVALID_PASSWORD, "Too many wrong passwords for this account", check);
    }

    private <T> T guarded(String email, ErrorCode failure, String lockedMessage, Supplier<T> work) {
        if (!enabled) {
            return hashing.run(work);
        }
        refuseWhenLocked(email, lockedMessage);
        return hashing.run(() -> {
            AccountLocks.Failures before = refuseWhenLocked(email, lockedMessage);
            T result;
            try {
                result = work.get();
            } catch (AuthException e) {
                if (e.code() == failure) {
                    locks.recordFailure(email);
                }
                throw e;
            }
            if (before.count() > 0) {
                locks.clear(email);
            }
            return result;
        });
    }

    private AccountLocks.Failures refuseWhenLocked(String email, String lockedMessage) {
        AccountLocks.Failures failures = locks.failures(email);
        if (failures.locked()) {
            throw new TooManyRequestsException(lockedMessage + "; try again later", failures.remaining());
        }
        return failures;
    }
}
