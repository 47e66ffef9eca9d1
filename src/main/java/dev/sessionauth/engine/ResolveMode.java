package dev.sessionauth.engine;

/**
 * How a request's session is resolved: whether the jwt strategy's cookie cache may answer, whether a due sliding
 * refresh is written, and whether a fresh cache is issued for the browser. Start from {@link #PAGE} (what the
 * filter does for every request) or {@link #STORE} (what endpoints that list or change sessions do).
 *
 * @param readCache  whether a valid {@code session_data} cookie may answer without asking the store
 * @param refresh    whether the sliding refresh is written when it is due
 * @param issueCache whether a session read from the store gets a new {@code session_data} cookie (jwt strategy)
 * @param userWithSession whether the store reads the user together with the session (one statement), for callers that
 *                   will surely need it; otherwise the session row alone is read and the user only when asked
 * @param oneSession whether every presented session is read (not only the first that is live), so that a request
 *                   carrying two different live sessions is {@link Resolution.Status#CONFLICT} rather than answered
 *                   for whichever came first: for requests that change state
 */
public record ResolveMode(boolean readCache, boolean refresh, boolean issueCache, boolean userWithSession,
                          boolean oneSession) {
    /** Every request the filter lets through: cache read and issued, refresh when due, the user read when asked. */
    public static final ResolveMode PAGE = new ResolveMode(true, true, true, false, false);
    /** Endpoints that list or change sessions: always the store, refresh when due, no cache issued, with the user. */
    public static final ResolveMode STORE = new ResolveMode(false, true, false, true, false);
    /** A look without side effects on the browser: cache read, no refresh, no cache issued. */
    public static final ResolveMode PEEK = new ResolveMode(true, false, false, false, false);

    /** This mode, but never answered from the cookie cache. */
    public ResolveMode withoutCache() {
        return new ResolveMode(false, refresh, issueCache, userWithSession, oneSession);
    }

    /** This mode, but without writing a due sliding refresh. */
    public ResolveMode withoutRefresh() {
        return new ResolveMode(readCache, false, issueCache, userWithSession, oneSession);
    }

    /** This mode, reading the user with the session in one statement (for an answer that shows the user). */
    public ResolveMode withUser() {
        return new ResolveMode(readCache, refresh, issueCache, true, oneSession);
    }

    /** This mode, refusing a request that carries two different live sessions (for requests that change state). */
    public ResolveMode requireOneSession() {
        return new ResolveMode(readCache, refresh, issueCache, userWithSession, true);
    }
}
