package dev.sessionauth.twofactor;

import java.time.Instant;
import java.util.Optional;

/**
 * What two-factor sign-in remembers between requests, in the database (so every instance sees it) or, with in-memory
 * stores, in this instance: each user's enrolment (the TOTP key encrypted, the backup codes hashed, the last step
 * used), the pending sign-ins waiting for a code, and the trusted devices. Pending sign-ins and trusted devices are
 * keyed by the hash of the secret their cookie carries, never by the secret. Every change that a racing request
 * could also make is conditional, so of two requests only one wins. Every method may throw
 * {@link dev.sessionauth.spi.StoreUnavailableException}.
 */
interface TwoFactorStore {
    /** The step a key that has never accepted a code starts from: every real step (1970 on) is after it. */
    long NO_STEP = -1;

    /**
     * A user's authenticator enrolment.
     *
     * @param secret      the TOTP key as {@link dev.sessionauth.crypto.SecretBox} stored it, bound to the user id
     * @param issuer      the name the authenticator app shows, as given at enrolment (get-totp-uri repeats it)
     * @param backupCodes the hashes of the unused backup codes ({@link StoredBackupCodes#toColumn()})
     * @param verified    whether a first code confirmed it: only then is two-factor on
     * @param lastStep    the last TOTP step accepted, so no code is accepted twice
     */
    record Enrolment(String userId, String secret, String issuer, String backupCodes, boolean verified,
                     long lastStep) {
        @Override
        public String toString() {
            return "Enrolment[userId=" + userId + ", verified=" + verified + "]";
        }
    }

    /**
     * A sign-in whose first factor held, waiting for a code.
     *
     * @param method   how the first factor was given ({@code email}, {@code social:<id>})
     * @param attempts codes tried so far (each try is counted before its code is checked)
     */
    record Pending(String userId, String method, boolean rememberMe, int attempts, Instant expiresAt) {
    }

    Optional<Enrolment> find(String userId);

    /**
     * Stores a new, unconfirmed enrolment in place of any unconfirmed one; false (and nothing written) when the user
     * has a confirmed one.
     */
    boolean enrol(Enrolment enrolment, Instant now);

    /**
     * Accepts {@code step} for the enrolment whose stored key is still {@code secret}, when it is after the last step
     * accepted, and confirms the enrolment; false when another request got there first or the key changed.
     */
    boolean acceptStep(String userId, String secret, long step, Instant now);

    /** Replaces the unused backup codes when they are still {@code expected}; false when a racing request changed them. */
    boolean replaceBackupCodes(String userId, String expected, String replacement, Instant now);

    /** Deletes the enrolment; whether there was one. */
    boolean delete(String userId);

    void createPending(String idHash, Pending pending, Instant now);

    /** The pending sign-in, if it is still waiting at {@code now}. */
    Optional<Pending> findPending(String idHash, Instant now);

    /** Counts one more try of the pending sign-in when it has had fewer than {@code max}; false when it has not. */
    boolean spendAttempt(String idHash, int max, Instant now);

    /** Ends the pending sign-in; whether this call ended it while it was still waiting (single use). */
    boolean consumePending(String idHash, Instant now);

    /** Ends every pending sign-in of the user. */
    void deletePending(String userId);

    void createTrusted(String idHash, String userId, Instant expiresAt, Instant now);

    /**
     * Ends the trusted device if it is the user's and still trusted at {@code now}: its expiry, for the device's next
     * value to keep; empty when it was not (a copy already used, expired, forgotten, another user's).
     */
    Optional<Instant> consumeTrusted(String idHash, String userId, Instant now);

    /** Forgets every trusted device of the user; how many. */
    int deleteTrusted(String userId);

    /** Deletes up to {@code limit} pending sign-ins and trusted devices that have expired by {@code now}. */
    void deleteExpired(Instant now, int limit);
}
