package dev.sessionauth;

/**
 * Hears about sessions as they begin, slide, end and lapse: the server-side twin of the seed's
 * {@code useSessionUpdate}. Register in code ({@code SessionAuth.builder().listener(...)}) or by class name
 * (setting {@code listeners}, a public no-argument constructor). Calls arrive on one background thread, in order;
 * a slow listener delays the events behind it and a throwing one loses only its own call, but neither ever
 * delays or breaks a request. The one exception is {@link #userDeleted}, which runs on the request's thread.
 */
public interface SessionListener {
    /** Why a session was ended before its time. */
    enum RevocationReason {
        /** The user signed out of this session. */
        SIGN_OUT,
        /** The user revoked this one session (from another device's list). */
        REVOKE,
        /** The user signed out of every other device. */
        REVOKE_OTHERS,
        /** The user signed out of every device. */
        REVOKE_ALL,
        /** The browser signed in again, which replaces its previous session (no fixation). */
        REPLACED,
        /** The user signed in once more than {@code session.maxPerUser} allows: the oldest session ended. */
        SESSION_LIMIT,
        /**
         * An administrator ended it: one session or all of them, a ban, a new password set for the user, or the
         * end of an impersonation.
         */
        ADMIN
    }

    /** A session began (sign-up or sign-in). */
    default void created(Session session, User user) {
    }

    /** A session's expiry moved forward (sliding or explicit refresh). */
    default void refreshed(Session session) {
    }

    /** A session was ended on purpose. */
    default void revoked(Session session, RevocationReason reason) {
    }

    /** A session was found past its expiry and deleted. */
    default void expired(Session session) {
    }

    /** The user changed their password (knowing the current one). */
    default void passwordChanged(User user) {
    }

    /** The user set a new password through a reset link; their sessions have ended (unless configured otherwise). */
    default void passwordReset(User user) {
    }

    /** The user's e-mail address changed from {@code previousEmail} to {@code user.getEmail()}. */
    default void emailChanged(User user, String previousEmail) {
    }

    /**
     * The user is about to be deleted: called on the request's thread before their rows (sessions, credentials,
     * verification secrets, the user) are deleted, so the app can delete its own rows that refer to the user. A
     * listener that throws stops the deletion (the request fails with {@code INTERNAL_ERROR} and the account stays),
     * so an app whose clean-up failed is never left with rows of a user that no longer exists.
     */
    default void userDeleted(User user) {
    }

    /**
     * An administrator (or the app's own code, through the admin tools' Java API) acted on a user: created, banned,
     * unbanned, changed the role, set the password, ended sessions, removed, or began or ended impersonating them.
     * The audit trail: who, whom, what and when.
     */
    default void adminAction(AdminAction action) {
    }
}
