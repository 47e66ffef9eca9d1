package dev.sessionauth.engine;

import dev.sessionauth.spi.Rows;
import static dev.sessionauth.engine.Instants.min;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.Session;
import dev.sessionauth.engine.SessionUser;
import dev.sessionauth.SessionValidation;
import dev.sessionauth.User;
import dev.sessionauth.Validation;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.SessionClaims;
import dev.sessionauth.crypto.SessionJwt;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.SessionAndUser;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the tokens a request presents into its session: the jwt strategy's cookie cache (unless a revocation known
 * to {@link RevokedSessions} came after it was issued), else one indexed read per token (the session row alone; its
 * user is read when something asks, see {@link SessionUser}); expiry (the row deleted); the sliding refresh, written
 * at most once per {@code updateAge}; and what the browser must be told about the outcome. Also the explicit
 * refresh and the outcome of a session just changed.
 */
final class SessionResolver {
    private static final System.Logger LOG = System.getLogger(SessionResolver.class.getName());
    private final AuthConfig config;
    private final Clock clock;
    private final SessionStore sessions;
    private final UserStore users;
    private final Optional<SessionJwt> sessionJwt;
    private final VerifiedJwts verifiedJwts;
    private final SessionEvents events;
    private final RevokedSessions revoked;

    public SessionResolver(AuthConfig config, Clock clock, SessionStore sessions, UserStore users,
                           Optional<SessionJwt> sessionJwt, SessionEvents events, RevokedSessions revoked) {
        this.config = config;
        this.clock = clock;
        this.sessions = sessions;
        this.users = users;
        this.sessionJwt = sessionJwt;
        this.verifiedJwts = new VerifiedJwts(VerifiedJwts.DEFAULT_MAX_ENTRIES);
        this.events = events;
        this.revoked = revoked;
    }

    /**
     * The request's session: at most one indexed read per candidate token, and at most one conditional write when
     * the sliding refresh is due. Under the jwt strategy a valid {@code session_data} cookie that belongs to the
     * session cookie answers without any read (when {@code mode} allows). An expired session is deleted and
     * reported as {@link Resolution.Status#EXPIRED}; a credential that no longer works clears the browser's cookies.
     */
    public Resolution resolve(Presented presented, ResolveMode mode) {
        if (mode.oneSession() && presented.candidates().size() > 1 && isConflict(presented)) {
            return Resolution.of(Resolution.Status.CONFLICT);
        }
        if (mode.readCache() && sessionJwt.isPresent() && presented.sessionCache().isPresent()
                && !presented.candidates().isEmpty()) {
            Optional<Resolution> cached = fromCache(presented.candidates().get(0), presented.sessionCache().get());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Resolution r = fromStore(presented, mode.refresh(), mode.userWithSession());
        if (r.isStale()) {
            return r.withBrowser(BrowserUpdate.CLEAR);
        }
        if (!r.isValid()) {
            return r;
        }
        Session session = r.session().orElseThrow();
        String token = r.token().orElseThrow();
        Optional<BrowserUpdate.SessionCache> cache = Optional.empty();
        if (mode.issueCache() && sessionJwt.isPresent()) {
            Optional<User> user = r.user();
            if (user.isEmpty()) {
                // The user is gone, and with it the session: never issue a cache for it.
                return Resolution.of(Resolution.Status.UNKNOWN).withBrowser(BrowserUpdate.CLEAR);
            }
            cache = cacheFor(session, user.get(), token);
        }
        return r.withBrowser(r.refreshed() ? BrowserUpdate.set(token, session, cache) : BrowserUpdate.keep(cache));
    }

    /** Resolves against the store only, the first valid candidate winning; nothing told to the browser. */
    Resolution fromStore(Presented presented, boolean refresh) {
        return fromStore(presented, refresh, false);
    }

    /** As {@link #fromStore(Presented, boolean)}; {@code withUser} reads the user in the same statement. */
    Resolution fromStore(Presented presented, boolean refresh, boolean withUser) {
        Resolution first = Resolution.of(Resolution.Status.NONE);
        for (Presented.Candidate c : presented.candidates()) {
            Resolution r = resolveOne(c, refresh, withUser);
            if (r.isValid()) {
                return r;
            }
            first = first.status() == Resolution.Status.NONE ? r : first;
        }
        return first;
    }

    /** Whether the presented tokens name two different live sessions; both are named in the log. */
    private boolean isConflict(Presented presented) {
        List<Resolution> live = eachFromStore(presented);
        List<String> ids = live.stream().map(r -> r.session().orElseThrow().getId()).distinct().toList();
        if (ids.size() < 2) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, () -> "refused a request that carried " + ids.size()
                + " different live sessions: " + live.stream().map(r -> "session " + r.session().orElseThrow().getId()
                + " of user " + r.session().orElseThrow().getUserId()).distinct().toList()
                + "; a cookie may have been planted by a sibling subdomain");
        return true;
    }

    /** Every presented candidate that names a live session, each resolved against the store; nothing refreshed. */
    List<Resolution> eachFromStore(Presented presented) {
        List<Resolution> valid = new ArrayList<>(1);
        for (Presented.Candidate c : presented.candidates()) {
            Resolution r = resolveOne(c, false, false);
            if (r.isValid()) {
                valid.add(r);
            }
        }
        return valid;
    }

    private Optional<Resolution> fromCache(Presented.Candidate candidate, String jwt) {
        if (candidate.source() != Presented.Source.COOKIE) {
            return Optional.empty();
        }
        Optional<String> token = candidate.token().filter(TokenGenerator::looksLikeToken);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instants.now(clock);
        return verifiedJwts.verify(TokenHasher.hash(token.get()), jwt, now, sessionJwt.get())
                .filter(v -> now.isBefore(v.session().getExpiresAt()))
                // A session revoked since the cache was issued (here, or on an instance whose log entry was read).
                .filter(v -> !revoked.doubts(v.session(), v.issuedAt()))
                .map(v -> Resolution.valid(v.session(), v.user(), token.get(), false, true));
    }

    /**
     * The {@code session_data} JWT for a session (jwt strategy only): it lives {@code session.cookieCache.maxAge},
     * never past the session's own expiry.
     */
    Optional<BrowserUpdate.SessionCache> cacheFor(Session session, User user, String token) {
        if (sessionJwt.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instants.now(clock);
        Instant expires = min(now.plus(config.cookieCacheMaxAge()), session.getExpiresAt());
        String jwt = sessionJwt.get().issue(SessionClaims.of(session, user, TokenHasher.hash(token)), now, expires);
        return Optional.of(new BrowserUpdate.SessionCache(jwt, expires, !session.isRemember()));
    }

    /** A valid outcome for a session or user just written: the browser gets a fresh cache (and its cookie re-set). */
    Resolution changed(Session session, User user, String token, boolean refreshed) {
        Optional<BrowserUpdate.SessionCache> cache = cacheFor(session, user, token);
        return Resolution.valid(session, user, token, refreshed, false).withBrowser(refreshed
                ? BrowserUpdate.set(token, session, cache) : BrowserUpdate.keep(cache));
    }

    private Resolution resolveOne(Presented.Candidate c, boolean refresh, boolean withUser) {
        Optional<String> token = c.token().filter(TokenGenerator::looksLikeToken);
        if (token.isEmpty()) {
            return Resolution.of(Resolution.Status.INVALID);
        }
        String tokenHash = TokenHasher.hash(token.get());
        Optional<Session> found;
        SessionUser user;
        if (withUser) {
            Optional<SessionAndUser> both = sessions.findByTokenHash(tokenHash);
            found = both.map(SessionAndUser::session);
            user = both.map(b -> SessionUser.of(b.user())).orElse(SessionUser.none());
        } else {
            found = sessions.findSessionByTokenHash(tokenHash);
            String userId = found.map(Session::getUserId).orElse(null);
            user = SessionUser.readOnDemand(() -> users.findById(userId));
        }
        if (found.isEmpty()) {
            return Resolution.of(Resolution.Status.UNKNOWN);
        }
        Session session = found.get();
        Instant now = Instants.now(clock);
        if (session.isExpiredAt(now) || !now.isBefore(session.getAbsoluteExpiresAt())) {
            if (sessions.delete(session.getId())) {
                events.publish(l -> l.expired(session));
            }
            return Resolution.expired(session);
        }
        if (refresh && session.isRemember() && session.getUpdatedAt().isBefore(now.minus(config.updateAge()))) {
            Optional<Session> refreshed = extend(session, now);
            if (refreshed.isPresent()) {
                events.publish(l -> l.refreshed(refreshed.get()));
                return Resolution.valid(refreshed.get(), user, token.get(), true, false);
            }
        }
        return Resolution.valid(session, user, token.get(), false, false);
    }

    private Optional<Session> extend(Session session, Instant now) {
        Instant newExpiry = min(now.plus(config.maxAge()), session.getAbsoluteExpiresAt());
        if (!newExpiry.isAfter(session.getExpiresAt())) {
            return Optional.empty();
        }
        boolean wrote = sessions.extend(session.getId(), newExpiry, now, now.minus(config.updateAge()));
        return wrote ? Optional.of(Rows.refreshed(session, newExpiry, now)) : Optional.empty();
    }

    /**
     * Moves the current remembered session's expiry to {@code now + maxAge} (capped by its absolute lifetime) right
     * away, whatever {@code updateAge} says; the browser gets its cookie re-set. A browser session
     * ({@code rememberMe:false}) keeps its expiry.
     */
    public Resolution refresh(Resolution current) {
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        Instant now = Instants.now(clock);
        Session refreshed = session;
        if (session.isRemember()) {
            Instant newExpiry = min(now.plus(config.maxAge()), session.getAbsoluteExpiresAt());
            // "updated before now + 1ms" always holds, so an explicit refresh writes unless the row is gone.
            if (!sessions.extend(session.getId(), newExpiry, now, now.plusMillis(1))) {
                throw new AuthException(ErrorCode.UNAUTHORIZED, "The session has ended");
            }
            refreshed = Rows.refreshed(session, newExpiry, now);
            Session published = refreshed;
            events.publish(l -> l.refreshed(published));
        }
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED, "The session has ended"));
        return changed(refreshed, user, current.token().orElseThrow(), true);
    }

    /**
     * Judges a resolution against {@code validation}, like Better Auth's {@code validateSession}.
     *
     * @param failure why there is no session, when there is none (the store may have been down)
     */
    public SessionValidation validate(Resolution r, ErrorCode failure, Validation validation) {
        if (!r.isValid()) {
            Optional<Session> expired = validation.expiredAllowed() ? r.expiredSession() : Optional.empty();
            return new SessionValidation(false, expired, Optional.empty(), r.status() == Resolution.Status.EXPIRED,
                    Optional.of(failure));
        }
        Session session = r.session().orElseThrow();
        Optional<User> user = r.user();
        if (user.isEmpty()) {
            // Deleted since its session was read (which deletes the session too): as if signed out.
            return new SessionValidation(false, Optional.empty(), Optional.empty(), false,
                    Optional.of(ErrorCode.UNAUTHORIZED));
        }
        Optional<ErrorCode> refusal = validation.verifiedRequired() && !user.get().isEmailVerified()
                ? Optional.of(ErrorCode.EMAIL_NOT_VERIFIED)
                : validation.freshRequired() && !isFresh(session) ? Optional.of(ErrorCode.SESSION_NOT_FRESH)
                : validation.twoFactorRequired() && !user.get().isTwoFactorEnabled()
                ? Optional.of(ErrorCode.TWO_FACTOR_REQUIRED)
                : Optional.empty();
        return new SessionValidation(refusal.isEmpty(), Optional.of(session), user, false, refusal);
    }

    /** Whether the session's sign-in is younger than {@code session.freshAge}. */
    public boolean isFresh(Session session) {
        return session.isFreshAt(Instants.now(clock), config.freshAge());
    }

    /**
     * {@code current} as the store has it now: a resolution answered from the jwt cache is read again, so a session
     * revoked elsewhere cannot change a password or delete an account. {@code UNAUTHORIZED} (or the fitting 401)
     * when there is no live session.
     */
    Resolution fromStore(Resolution current) {
        Resolution r = current.cached() && current.token().isPresent()
                ? fromStore(Presented.bearer(current.token().get()), false) : current;
        if (!r.isValid()) {
            throw new AuthException(r.isStale() ? r.failure() : ErrorCode.UNAUTHORIZED);
        }
        return r;
    }
}
