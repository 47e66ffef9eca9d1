package dev.sessionauth.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry of the revocation log: sessions of one user that ended on purpose at {@code revokedAt} (one of them,
 * all of them, or all but one). Instances whose jwt cookie caches may still vouch for such a session read the log
 * to learn of it; entries older than {@code session.cookieCache.maxAge} no longer matter.
 *
 * @param sessionId the session that ended ({@link Scope#ONE}), the one that stays ({@link Scope#ALL_BUT_ONE}), or
 *                  empty ({@link Scope#ALL})
 */
public record Revocation(String userId, Scope scope, String sessionId, Instant revokedAt) {
    /** Which of the user's sessions an entry ends. */
    public enum Scope { ONE, ALL_BUT_ONE, ALL }

    /** An entry as the log holds it: with the sequence number the log gave it (ascending, gaps allowed). */
    public record Logged(long sequence, Revocation revocation) {
    }

    public Revocation {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if ((scope == Scope.ALL) != sessionId.isEmpty()) {
            throw new IllegalArgumentException("a session id goes with ONE and ALL_BUT_ONE, and only with them");
        }
    }

    /** The revocation of one session of a user. */
    public static Revocation one(String userId, String sessionId, Instant revokedAt) {
        return new Revocation(userId, Scope.ONE, sessionId, revokedAt);
    }

    /** The revocation of every session of a user but the one they keep. */
    public static Revocation allBut(String userId, String keptSessionId, Instant revokedAt) {
        return new Revocation(userId, Scope.ALL_BUT_ONE, keptSessionId, revokedAt);
    }

    /** The revocation of every session of a user. */
    public static Revocation all(String userId, Instant revokedAt) {
        return new Revocation(userId, Scope.ALL, "", revokedAt);
    }

    /** Whether this entry ends the session {@code sessionId} of user {@code userId}. */
    public boolean ends(String userId, String sessionId) {
        return this.userId.equals(userId) && switch (scope) {
            case ONE -> this.sessionId.equals(sessionId);
            case ALL_BUT_ONE -> !this.sessionId.equals(sessionId);
            case ALL -> true;
        };
    }
}
