package dev.sessionauth.engine;

import dev.sessionauth.Session;
import dev.sessionauth.SessionListener;
import dev.sessionauth.spi.Revocation;
import dev.sessionauth.spi.SessionStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The one way sessions are ended on purpose: sign-out, revoke-session, revoke-other-sessions, revoke-sessions, and
 * whatever else must end a user's sessions (a password change or reset, deleting the user) calls {@link #end}. It
 * tells this instance's cookie cache at once, writes the revocation log that the other instances poll, deletes the
 * rows, and tells the listeners.
 */
final class Revocations {
    private final Clock clock;
    private final SessionStore sessions;
    private final RevokedSessions revoked;
    private final SessionEvents events;

    Revocations(Clock clock, SessionStore sessions, RevokedSessions revoked, SessionEvents events) {
        this.clock = clock;
        this.sessions = sessions;
        this.revoked = revoked;
        this.events = events;
    }

    /**
     * Ends the user's sessions that {@code scope} names ({@code sessionId}: the one that ends for
     * {@link Revocation.Scope#ONE}, the one that stays for {@link Revocation.Scope#ALL_BUT_ONE}, empty for
     * {@link Revocation.Scope#ALL}); how many rows were deleted. The log entry is written before the rows go, so a
     * failure leaves nothing half done that matters: a logged revocation whose delete failed only makes caches of
     * those sessions consult the store, which still has them.
     */
    int end(String userId, Revocation.Scope scope, String sessionId, SessionListener.RevocationReason reason) {
        Revocation revocation = new Revocation(userId, scope, sessionId, Instants.now(clock));
        List<Session> doomed = events.active()
                ? sessions.listLive(userId, revocation.revokedAt()).stream()
                        .filter(s -> revocation.ends(userId, s.getId())).toList()
                : List.of();
        revoked.record(revocation);
        sessions.logRevocation(revocation);
        int deleted = switch (scope) {
            case ONE -> sessions.deleteOwned(userId, sessionId) ? 1 : 0;
            case ALL_BUT_ONE -> sessions.deleteAllOf(userId, Optional.of(sessionId));
            case ALL -> sessions.deleteAllOf(userId, Optional.empty());
        };
        if (deleted > 0) {
            doomed.forEach(s -> events.publish(l -> l.revoked(s, reason)));
        }
        return deleted;
    }
}
