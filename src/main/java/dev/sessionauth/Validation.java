package dev.sessionauth;

/**
 * What {@link dev.sessionauth.SessionAuth#validateSession} demands of a session, like Better Auth's
 * {@code validateSession({requireVerified: true, allowExpired: false})}, written
 * {@code Validation.requireVerified().allowExpired(false)}. Immutable; every method returns a new value.
 */
public final class Validation {
    private final boolean verifiedRequired;
    private final boolean expiredAllowed;
    private final boolean freshRequired;
    private final boolean twoFactorRequired;

    private Validation(boolean verifiedRequired, boolean expiredAllowed, boolean freshRequired,
                       boolean twoFactorRequired) {
        this.verifiedRequired = verifiedRequired;
        this.expiredAllowed = expiredAllowed;
        this.freshRequired = freshRequired;
        this.twoFactorRequired = twoFactorRequired;
    }

    /** Any live session. */
    public static Validation session() {
        return new Validation(false, false, false, false);
    }

    /** A live session of a user whose e-mail address is verified. */
    public static Validation requireVerified() {
        return new Validation(true, false, false, false);
    }

    /** A live session signed in within {@code session.freshAge} (for sensitive actions). */
    public static Validation requireFresh() {
        return new Validation(false, false, true, false);
    }

    /**
     * A live session of a user who has two-factor sign-in on ({@code twoFactorEnabled}); refused with
     * {@code TWO_FACTOR_REQUIRED} otherwise, and always when two-factor sign-in is switched off.
     */
    public static Validation requireTwoFactor() {
        return new Validation(false, false, false, true);
    }

    /** Also (or no longer) demand a verified e-mail address. */
    public Validation verified(boolean required) {
        return new Validation(required, expiredAllowed, freshRequired, twoFactorRequired);
    }

    /** Also (or no longer) demand a fresh sign-in. */
    public Validation fresh(boolean required) {
        return new Validation(verifiedRequired, expiredAllowed, required, twoFactorRequired);
    }

    /** Also (or no longer) demand two-factor sign-in turned on. */
    public Validation twoFactor(boolean required) {
        return new Validation(verifiedRequired, expiredAllowed, freshRequired, required);
    }

    /** Return an expired session (flagged, never valid) instead of nothing, for "your session expired" pages. */
    public Validation allowExpired(boolean allowed) {
        return new Validation(verifiedRequired, allowed, freshRequired, twoFactorRequired);
    }

    /** Whether a user with an unverified e-mail address fails this validation. */
    public boolean verifiedRequired() {
        return verifiedRequired;
    }

    /** Whether an expired session is returned (still invalid) rather than none. */
    public boolean expiredAllowed() {
        return expiredAllowed;
    }

    /** Whether a session whose sign-in is older than {@code session.freshAge} fails this validation. */
    public boolean freshRequired() {
        return freshRequired;
    }

    /** Whether a session of a user without two-factor sign-in on fails this validation ({@code requireTwoFactor()}). */
    public boolean twoFactorRequired() {
        return twoFactorRequired;
    }
}
