package dev.sessionauth.engine;

import static dev.sessionauth.engine.Instants.min;

import dev.sessionauth.Session;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place sessions are made: every way in (sign-up, sign-in, a password change that ends the others, and each
 * way in still to come) ends here. A new session gets a fresh token, a presented one is ended (no fixation), the
 * user's oldest sessions beyond {@code session.maxPerUser} end, the listeners hear {@code created}, and the outcome
 * says what the browser must be told. A sign-in whose first factor held passes the {@link SignInGate gates} first.
 */
public final class SessionIssuer {
    private static final Duration BROWSER_SESSION_ROW = Duration.ofDays(1);
    private static final Duration NO_CAP = Duration.ofDays(365L * 100);

    private final AuthConfig config;
    private final Clock clock;
    private final SessionStore sessions;
    private final TokenGenerator tokens;
    private final SessionEvents events;
    private final SessionResolver resolver;
    private final OwnSessions own;
    private final FieldValues sessionFields;
    private final Gates gates;

    SessionIssuer(AuthConfig config, Clock clock, SessionStore sessions, TokenGenerator tokens, SessionEvents events,
                  SessionResolver resolver, OwnSessions own, Gates gates) {
        this.gates = gates;
        this.config = config;
        this.clock = clock;
        this.sessions = sessions;
        this.tokens = tokens;
        this.events = events;
        this.resolver = resolver;
        this.own = own;
        this.sessionFields = new FieldValues(config.sessionFields());
    }

    /** A session not yet written, with its token: for a sign-up, which writes it together with the new user. */
    record Prepared(NewSession row, String token) {
        @Override
        public String toString() {
            return "Prepared[session=" + row.session().getId() + "]";
        }
    }

    /**
     * Signs in {@code user}, whose first factor held by {@code method} ({@link SignInGate#PASSWORD},
     * {@code social:<provider>}, {@link SignInGate#PASSKEY}): the gates judge it, then a session is issued, unless a
     * gate asks for a second step first.
     *
     * @throws dev.sessionauth.AuthException a gate refuses the sign-in
     */
    public SignInOutcome signIn(User user, String method, boolean rememberMe, Caller caller) {
        SignInGate.Verdict verdict = gates.check(user, method, rememberMe, caller);
        if (verdict.step().isPresent()) {
            return verdict.step().get();
        }
        SignedIn in = verdict.sessionFields().isEmpty() ? issue(user, rememberMe, caller.client(), caller.presented())
                : issue(user, new Terms(rememberMe, Optional.empty(), verdict.sessionFields()), caller);
        // What the gates tell the browser on the way through (a rotated trusted-device cookie) goes with the session.
        return new SignInOutcome.Issued(new SignedIn(in.user(), in.session(), in.token(),
                in.browser().then(verdict.browser())));
    }

    /**
     * A new session for {@code user} without asking the gates for a step: for a second step that has just held,
     * which ends the sessions the caller presents like any sign-in. The gates still {@link SignInGate#admit admit}
     * the user (a ban refuses).
     *
     * @throws dev.sessionauth.AuthException a gate refuses the user
     */
    public SignedIn issue(User user, boolean rememberMe, Caller caller) {
        gates.admit(user);
        return issue(user, rememberMe, caller.client(), caller.presented());
    }

    /**
     * A new session for {@code user} on {@code terms} without asking the gates: a session that must end by a given
     * time or carries a feature's session fields (an impersonation: {@code impersonatedBy}, one hour at most). The
     * sessions {@code caller} presents end, as on any sign-in; present none to keep them. The gates
     * {@link SignInGate#admit admit} the user first (a ban refuses).
     *
     * @throws dev.sessionauth.AuthException a gate refuses the user
     */
    public SignedIn issue(User user, Terms terms, Caller caller) {
        gates.admit(user);
        Prepared p = prepare(user.getId(), terms, caller.client());
        sessions.create(p.row());
        return issued(user, p, caller.presented());
    }

    /**
     * How a session is made beyond the defaults.
     *
     * @param rememberMe whether it outlives the browser session (as the sign-in's {@code rememberMe})
     * @param endsBy     a time it never outlives, however often it is refreshed
     * @param fields     values of session fields, a feature's included
     */
    public record Terms(boolean rememberMe, Optional<Instant> endsBy, Map<String, Object> fields) {
        public Terms {
            java.util.Objects.requireNonNull(endsBy, "endsBy");
            fields = Map.copyOf(fields);
        }

        /** The defaults, remembered or not. */
        public static Terms of(boolean rememberMe) {
            return new Terms(rememberMe, Optional.empty(), Map.of());
        }
    }

    /** A new session for {@code user}, written now and {@link #issued issued}. */
    SignedIn issue(User user, boolean rememberMe, ClientInfo client, Presented presented) {
        Prepared p = prepare(user.getId(), rememberMe, client);
        sessions.create(p.row());
        return issued(user, p, presented);
    }

    /** As {@link #issue(User, boolean, ClientInfo, Presented)}, on {@code terms}. */
    SignedIn issue(User user, Terms terms, ClientInfo client, Presented presented) {
        Prepared p = prepare(user.getId(), terms, client);
        sessions.create(p.row());
        return issued(user, p, presented);
    }

    /** The row and token of a new session for the user, not written. */
    Prepared prepare(String userId, boolean rememberMe, ClientInfo client) {
        return prepare(userId, Terms.of(rememberMe), client);
    }

    private Prepared prepare(String userId, Terms terms, ClientInfo client) {
        boolean rememberMe = terms.rememberMe();
        Instant now = Instants.now(clock);
        boolean remember = rememberMe && config.rememberMe();
        Duration cap = config.absoluteMaxAge().isZero() ? NO_CAP : config.absoluteMaxAge();
        Instant absolute = terms.endsBy().map(end -> min(end, now.plus(cap))).orElse(now.plus(cap));
        Instant expires = remember
                ? min(now.plus(config.maxAge()), absolute)
                : min(now.plus(min(BROWSER_SESSION_ROW, config.maxAge())), absolute);
        Session session = new Session(tokens.newId(), userId, expires, remember ? absolute : expires, now, now,
                client.ipAddress(), client.userAgent(), remember, sessionFields.forNewRow(terms.fields(), false));
        String token = tokens.newToken();
        return new Prepared(new NewSession(session, TokenHasher.hash(token)), token);
    }

    /**
     * A prepared session now written: the sessions {@code presented} names end (every one of them: a second, tossed
     * cookie must not outlive the sign-in), the oldest past {@code session.maxPerUser} end, {@code created} fires.
     */
    SignedIn issued(User user, Prepared p, Presented presented) {
        Session session = p.row().session();
        own.revokeReplaced(presented);
        endOldest(user.getId(), session.getId());
        events.publish(l -> l.created(session, user));
        return new SignedIn(user, session, p.token(),
                BrowserUpdate.set(p.token(), session, resolver.cacheFor(session, user, p.token())));
    }

    private void endOldest(String userId, String newSessionId) {
        List<Session> live = sessions.listLive(userId, Instants.now(clock));
        // Newest first: everything past the allowance is older than the one just made.
        for (Session old : live.subList(Math.min(live.size(), config.maxSessionsPerUser()), live.size())) {
            if (!old.getId().equals(newSessionId)) {
                own.end(userId, old.getId(), SessionListener.RevocationReason.SESSION_LIMIT);
            }
        }
    }
}
