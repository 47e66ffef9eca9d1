package dev.sessionauth;

import java.util.Optional;

/**
 * What the credential of a request turned out to be: no credential, a valid session (possibly just refreshed),
 * or one of the ways it can fail. Produced by {@link SessionAuth#resolve}.
 */
public record Resolution(Status status, Optional<Session> session, Optional<User> user, Optional<String> token,
                         boolean refreshed) {
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
        UNKNOWN
    }

    static Resolution of(Status status) {
        return new Resolution(status, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    static Resolution valid(Session session, User user, String token, boolean refreshed) {
        return new Resolution(Status.VALID, Optional.of(session), Optional.of(user), Optional.of(token), refreshed);
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
            default -> ErrorCode.UNAUTHORIZED;
        };
    }
}
