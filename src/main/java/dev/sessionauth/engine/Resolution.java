package dev.sessionauth.engine;

import dev.sessionauth.ErrorCode;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.util.Optional;

/**
 * What the credential of a request turned out to be: no credential, a valid session (possibly just refreshed,
 * possibly read from the jwt strategy's cookie cache), or one of the ways it can fail, with what the browser must be
 * told. Produced by
 * {@link Engine#resolve}.
 *
 * @param sessionUser    the session's user, read with the session or when first asked ({@link #user()})
 * @param expiredSession the session a request's cookie named when it had expired, for "your session expired"
 *                       pages through {@link dev.sessionauth.Validation#allowExpired}; never a reason to let anything through
 * @param browser        what the browser must be told about it: set, clear or keep its cookies, attach the cache
 */
public record Resolution(Status status, Optional<Session> session, SessionUser sessionUser, Optional<String> token,
                         boolean refreshed, boolean cached, Optional<Session> expiredSession, BrowserUpdate browser) {
    /** The outcomes of resolving a credential. */
    public enum Status {
        /** The request carried no session cookie or bearer token. */
        NONE,
        /** A live session. */
        VALID,
        /** The credential named a session that has expired (now deleted). */
        EXPIRED,
        /** The credential is malformed or its signature does not verify. */
        INVALID,
        /** The credential is well-signed but names no session: signed out or revoked. */
        UNKNOWN,
        /**
         * A request that changes state carried two different live sessions (a cookie tossed in by a sibling
         * subdomain beside the user's own): it is answered for neither.
         */
        CONFLICT
    }

    /** An outcome without a session: nothing presented, or a failure. */
    public static Resolution of(Status status) {
        return new Resolution(status, Optional.empty(), SessionUser.none(), Optional.empty(), false, false,
                Optional.empty(), BrowserUpdate.KEEP);
    }

    /** The presented token named this session, which has expired. */
    public static Resolution expired(Session session) {
        return new Resolution(Status.EXPIRED, Optional.empty(), SessionUser.none(), Optional.empty(), false, false,
                Optional.of(session), BrowserUpdate.KEEP);
    }

    /** A live session; {@code cached} when it came from the jwt strategy's cookie rather than the store. */
    public static Resolution valid(Session session, User user, String token, boolean refreshed, boolean cached) {
        return valid(session, SessionUser.of(user), token, refreshed, cached);
    }

    /** A live session whose user may be read only when asked for ({@link SessionUser#readOnDemand}). */
    public static Resolution valid(Session session, SessionUser user, String token, boolean refreshed,
                                   boolean cached) {
        return new Resolution(Status.VALID, Optional.of(session), user, Optional.of(token), refreshed, cached,
                Optional.empty(), BrowserUpdate.KEEP);
    }

    /**
     * The signed-in user; read from the store now if it was not read with the session. Empty without a session,
     * and when the user row is gone.
     */
    public Optional<User> user() {
        return sessionUser.get();
    }

    /** The same outcome with what the browser must be told about it. */
    public Resolution withBrowser(BrowserUpdate update) {
        return new Resolution(status, session, sessionUser, token, refreshed, cached, expiredSession, update);
    }

    public boolean isValid() {
        return status == Status.VALID;
    }

    /** Whether the request presented a credential that no longer works, so its cookies should be cleared. */
    public boolean isStale() {
        return status == Status.EXPIRED || status == Status.INVALID || status == Status.UNKNOWN;
    }

    /** The error a request that needs a session gets for this outcome. */
    public ErrorCode failure() {
        return switch (status) {
            case EXPIRED -> ErrorCode.SESSION_EXPIRED;
            case INVALID -> ErrorCode.INVALID_TOKEN;
            case CONFLICT -> ErrorCode.CONFLICTING_SESSIONS;
            default -> ErrorCode.UNAUTHORIZED;
        };
    }

    /** Names the session and user, never the token: a resolution that reaches a log must not carry the secret. */
    @Override
    public String toString() {
        return "Resolution[" + status + session.map(s -> ", session=" + s.getId()).orElse("")
                + session.map(s -> ", user=" + s.getUserId()).orElse("") + (refreshed ? ", refreshed" : "")
                + (cached ? ", cached" : "") + ", browser=" + browser + "]";
    }
}
