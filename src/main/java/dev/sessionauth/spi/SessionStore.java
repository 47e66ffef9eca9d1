package dev.sessionauth.spi;

import dev.sessionauth.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where sessions live, keyed by the hash of their token. Every method may throw {@link StoreUnavailableException}.
 * A cookie cache or another store can sit in front of it; the engine only needs these operations.
 */
public interface SessionStore {
    void create(NewSession session);

    /** One indexed read: the session whose token hashes to {@code tokenHash}, with its user; expired ones too. */
    Optional<SessionAndUser> findByTokenHash(String tokenHash);

    /**
     * One indexed read of the session row alone, expired ones too: what authorises a request, whose user is read
     * only when something asks for it.
     */
    Optional<Session> findSessionByTokenHash(String tokenHash);

    /**
     * Moves a session's expiry, but only if nobody refreshed it since {@code refreshedBefore}: concurrent
     * requests write once. Returns whether this call wrote.
     */
    boolean extend(String sessionId, Instant newExpiresAt, Instant now, Instant refreshedBefore);

    /** Sets the given additional fields of a session (others keep their values); whether it exists. */
    boolean updateFields(String sessionId, Map<String, Object> fields, Instant now);

    /** Deletes one session; whether it existed. */
    boolean delete(String sessionId);

    /** Deletes one session only if it belongs to {@code userId}; whether it did. */
    boolean deleteOwned(String userId, String sessionId);

    /** Deletes every session of a user except {@code keepSessionId} (when given); how many. */
    int deleteAllOf(String userId, Optional<String> keepSessionId);

    /** The user's sessions that are live at {@code now}, newest first. */
    List<Session> listLive(String userId, Instant now);

    /**
     * Deletes up to {@code limit} sessions that expired before {@code now}; how many. Rows another statement holds
     * (a refresh, a revocation) may be left for the next batch rather than waited for.
     */
    int deleteExpired(Instant now, int limit);

    /** Appends an entry to the revocation log, which every instance polls to learn of sessions ended elsewhere. */
    void logRevocation(Revocation revocation);

    /** Revocation log entries with a sequence number above {@code after}, in sequence order, at most {@code limit}. */
    List<Revocation.Logged> revocationsAfter(long after, int limit);

    /** Deletes up to {@code limit} revocation log entries revoked before {@code before}; how many. */
    int deleteRevocationsBefore(Instant before, int limit);
}
