package dev.sessionauth.engine;

import dev.sessionauth.spi.Rows;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.Session;
import dev.sessionauth.SessionListener;
import dev.sessionauth.engine.Writer;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.spi.Revocation;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.StoreUnavailableException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a user does with their own sessions: signing one out, listing them, revoking one, the others or all, and
 * setting additional session fields. Sessions end through {@link Revocations}, the path every revocation takes.
 */
public final class OwnSessions {
    private static final System.Logger LOG = System.getLogger(OwnSessions.class.getName());

    private final Clock clock;
    private final SessionStore sessions;
    private final Revocations revocations;
    private final SessionResolver resolver;
    private final FieldValues sessionFields;
    private final PendingLinks links;

    public OwnSessions(AuthConfig config, Clock clock, SessionStore sessions, Revocations revocations,
                       SessionResolver resolver, PendingLinks links) {
        this.links = links;
        this.clock = clock;
        this.sessions = sessions;
        this.revocations = revocations;
        this.resolver = resolver;
        this.sessionFields = new FieldValues(config.sessionFields());
    }

    /**
     * Ends the live sessions the presented tokens name (a browser carrying two ends both), if any: the rows are
     * deleted. Whether there was one.
     */
    public boolean signOut(Presented presented) {
        boolean any = false;
        for (Resolution r : resolver.eachFromStore(presented)) {
            any |= revoke(r, SessionListener.RevocationReason.SIGN_OUT);
        }
        return any;
    }

    /**
     * Ends every session a new sign-in replaces (all that the browser presents: a second, tossed cookie must not
     * outlive it); a store failure here must not fail the sign-in.
     */
    void revokeReplaced(Presented presented) {
        try {
            for (Resolution r : resolver.eachFromStore(presented)) {
                revoke(r, SessionListener.RevocationReason.REPLACED);
            }
        } catch (StoreUnavailableException e) {
            // The new session exists; the old one still expires on its own.
            LOG.log(System.Logger.Level.WARNING, "could not revoke the session presented at sign-in: " + e.getMessage());
        }
    }

    private boolean revoke(Resolution r, SessionListener.RevocationReason reason) {
        Optional<Session> session = r.session();
        return session.isPresent() && revocations.end(session.get().getUserId(), Revocation.Scope.ONE,
                session.get().getId(), reason) > 0;
    }

    /** The user's live sessions, newest first. */
    public List<Session> list(String userId) {
        return sessions.listLive(userId, Instants.now(clock));
    }

    /** Revokes one of the user's own sessions by its handle; whether one was revoked. */
    public boolean revoke(String userId, String sessionId) {
        // An empty handle names no session (and would make an entry that names every one).
        return !sessionId.isEmpty() && revocations.end(userId, Revocation.Scope.ONE, sessionId, SessionListener.RevocationReason.REVOKE) > 0;
    }

    /** Revokes every session of the user but {@code keepSessionId}; how many. */
    public int revokeOthers(String userId, String keepSessionId) {
        return revocations.end(userId, Revocation.Scope.ALL_BUT_ONE, keepSessionId,
                SessionListener.RevocationReason.REVOKE_OTHERS);
    }

    /**
     * Revokes every session of the user ("sign out from all devices"); how many. The links mailed to act on the
     * account (e-mail change, deletion, reset) go too: this is what an owner does who fears someone else is in.
     */
    public int revokeAll(String userId) {
        int ended = revocations.end(userId, Revocation.Scope.ALL, "", SessionListener.RevocationReason.REVOKE_ALL);
        links.forgetActing(userId);
        return ended;
    }

    /** Ends one session of the user for {@code reason}; whether it was there. */
    public boolean end(String userId, String sessionId, SessionListener.RevocationReason reason) {
        return !sessionId.isEmpty() && revocations.end(userId, Revocation.Scope.ONE, sessionId, reason) > 0;
    }

    /**
     * Ends every session of the user for {@code reason} (an administrator's: a ban, a new password), on every
     * instance through the revocation log, and the links mailed to act on the account; how many sessions ended.
     */
    public int endAll(String userId, SessionListener.RevocationReason reason) {
        int ended = revocations.end(userId, Revocation.Scope.ALL, "", reason);
        links.forgetActing(userId);
        return ended;
    }

    /** Sets additional session fields ({@link Writer#CLIENT}: only {@code input} ones); the session afterwards. */
    public Session updateFields(Session session, Map<String, Object> fields, Writer writer) {
        Map<String, Object> changes = sessionFields.forUpdate(fields, writer == Writer.CLIENT);
        if (!changes.isEmpty() && !sessions.updateFields(session.getId(), changes, Instants.now(clock))) {
            throw new AuthException(ErrorCode.UNAUTHORIZED, "The session has ended");
        }
        Map<String, Object> merged = new LinkedHashMap<>(session.getFields());
        merged.putAll(changes);
        return Rows.withFields(session, merged, session.getUpdatedAt());
    }

    /** {@link #updateFields(Session, Map, Writer)} for the request's session; the browser's cache follows. */
    public Resolution updateFields(Resolution current, Map<String, Object> fields, Writer writer) {
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        Session updated = updateFields(session, fields, writer);
        return resolver.changed(updated, current.user().orElseThrow(), current.token().orElseThrow(), false);
    }

    /** Whether clients may set this session field (through update-session). */
    public boolean isClientWritable(String name) {
        return sessionFields.isClientWritable(name);
    }
}
