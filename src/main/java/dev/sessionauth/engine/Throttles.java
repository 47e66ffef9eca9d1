package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.config.AuthConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Every throttle that applies to a way in, whichever door it comes through (the HTTP API, an app's own form through
 * the Java API): the per-account lock on wrong passwords ({@link AccountLocks}), the strict per-address allowances
 * ({@link AddressLimits}) and the fair queue for password hashing ({@link HashingQueue}). A way in declares what it
 * does (a password check, a hash, a strict action) and which refusal counts as a failure; the per-address limit on
 * all HTTP traffic stays in the web layer, where the traffic is.
 *
 * <p>The account lock ({@code rateLimit.signIn.maxFailures} wrong passwords within {@code rateLimit.signIn.window},
 * counted from the first and never sliding):
 * <ul>
 *   <li>The account is the e-mail address as the engine compares it, whether or not it has an account: an unknown
 *       address guessed five times is locked exactly like a real one, so the answer tells nobody which exist.</li>
 *   <li>A correct password is refused too while the account is locked, or the lock would limit nothing.</li>
 *   <li>A successful check clears the count (the failures before it were typos); so does a password reset, which
 *       proves the mailbox: a locked-out owner can always reset and then sign in.</li>
 *   <li>The lock is checked before the request queues for hashing (a locked account costs no bcrypt) and again in
 *       its slot, and a failure is counted before the slot is given back.</li>
 * </ul>
 */
public final class Throttles {
    private final boolean enabled;
    private final AccountLocks locks;
    private final AddressLimits strict;
    private final HashingQueue hashing;

    Throttles(AuthConfig config, AccountLocks locks, Clock clock) {
        this.enabled = config.rateLimitEnabled();
        this.locks = locks;
        this.strict = new AddressLimits(config.strictMax(), config.strictWindow(), clock);
        this.hashing = new HashingQueue(config.maxConcurrentHashes(), config.hashQueueTimeout());
    }

    /**
     * Runs {@code check} (work that checks the password of the account {@code email}: a sign-in, changing the
     * password, deleting the account) unless the account is locked, in a hashing slot; counts it against the account
     * and the address when it fails with {@code failure}.
     */
    <T> T passwordCheck(String email, ClientInfo client, ErrorCode failure, String lockedMessage, Supplier<T> check) {
        String address = address(client);
        String account = accountOf(email);
        if (!enabled) {
            return hashing.run(address, account, check);
        }
        refuseWhenLocked(email, lockedMessage);
        return hashing.run(address, account, () -> {
            AccountLocks.Failures before = refuseWhenLocked(email, lockedMessage);
            T result;
            try {
                result = check.get();
            } catch (AuthException e) {
                if (e.code() == failure) {
                    locks.recordFailure(email);
                    hashing.failed(address);
                }
                throw e;
            }
            if (before.count() > 0) {
                locks.clear(email);
            }
            return result;
        });
    }

    /**
     * A lock on the wrong codes of a second factor, per user, counted where failed sign-ins are
     * ({@code rateLimit.storage}): {@code maxFailures} in a row within {@code countWindow} lock the user's codes for
     * {@code lockFor}. {@code purpose} keeps the counts of different factors apart.
     */
    public FactorLocks factorLocks(String purpose, int maxFailures, Duration countWindow, Duration lockFor) {
        return locks.factorLocks(purpose, maxFailures, countWindow, lockFor);
    }

    /** Runs {@code work} (which hashes a new password: sign-up, reset) in a hashing slot. */
    <T> T hashing(String email, ClientInfo client, Supplier<T> work) {
        return hashing.run(address(client), accountOf(email), work);
    }

    /** Takes one of the client address's strict allowance for {@code action}; {@code TOO_MANY_REQUESTS} past it. */
    void strict(AddressLimits.Action action, ClientInfo client) {
        if (enabled) {
            strict.take(action, client.ipAddress().orElse(""));
        }
    }

    /** The owner proved the mailbox (a password reset): the account's lock and failures are forgotten. */
    void unlock(String email) {
        locks.clear(email);
    }

    private AccountLocks.Failures refuseWhenLocked(String email, String lockedMessage) {
        AccountLocks.Failures failures = locks.failures(email);
        if (failures.locked()) {
            throw AuthException.tooManyRequests(lockedMessage + "; try again later, or reset your password",
                    failures.remaining());
        }
        return failures;
    }

    private static String address(ClientInfo client) {
        return client.ipAddress().map(AddressKey::of).orElse("");
    }

    private static String accountOf(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
