package dev.sessionauth;

/**
 * How a request's session is resolved: whether the jwt strategy's cookie cache may answer, whether a due sliding
 * refresh is written, and whether a fresh cache is issued for the browser. Start from {@link #PAGE} (what the
 * filter does for every request) or {@link #STORE} (what endpoints that list or change sessions do).
 *
 * @param readCache  whether a valid {@code session_data} cookie may answer without asking the store
 * @param refresh    whether the sliding refresh is written when it is due
 * @param issueCache whether a session read from the store gets a new {@code session_data} cookie (jwt strategy)
 */
public record ResolveMode(boolean readCache, boolean refresh, boolean issueCache) {
    /** Every request the filter lets through: cache read and issued, refresh when due. */
    public static final ResolveMode PAGE = new ResolveMode(true, true, true);
    /** Endpoints that list or change sessions: always the store, refresh when due, no cache issued. */
    public static final ResolveMode STORE = new ResolveMode(false, true, false);
    /** A look without side effects on the browser: cache read, no refresh, no cache issued. */
    public static final ResolveMode PEEK = new ResolveMode(true, false, false);

    /** This mode, but never answered from the cookie cache. */
    public ResolveMode withoutCache() {
        return new ResolveMode(false, refresh, issueCache);
    }

    /** This mode, but without writing a due sliding refresh. */
    public ResolveMode withoutRefresh() {
        return new ResolveMode(readCache, false, issueCache);
    }
}
