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

    private Validation(boolean verifiedRequired, boolean expiredAllowed, boolean freshRequired) {
        this.verifiedRequired = verifiedRequired;
        this.expiredAllowed = expiredAllowed;
        this.freshRequired = freshRequired;
    }

    /** Any live session. */
    public static Validation session() {
        return new Validation(false, false, false);
    }

    /** A live session of a user whose e-mail address is verified. */
    public static Validation requireVerified() {
        return new Validation(true, false, false);
    }

    /** A live session signed in within {@code session.freshAge} (for sensitive actions). */
    public static Validation requireFresh() {
        return new Validation(false, false, true);
    }

    /** Also (or no longer) demand a verified e-mail address. */
    public Validation verified(boolean required) {
        return new Validation(required, expiredAllowed, freshRequired);
    }

    /** Also (or no longer) demand a fresh sign-in. */
    public Validation fresh(boolean required) {
        return new Validation(verifiedRequired, expiredAllowed, required);
    }

    /** Return an expired session (flagged, never valid) instead of nothing, for "your session expired" pages. */
    public Validation allowExpired(boolean allowed) {
        return new Validation(verifiedRequired, allowed, freshRequired);
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
}
