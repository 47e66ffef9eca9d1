package dev.sessionauth.engine;

import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.AuthContext;
import dev.sessionauth.AuthException;
import dev.sessionauth.ChangeEmail;
import dev.sessionauth.Cleanup;
import dev.sessionauth.DeleteUser;
import dev.sessionauth.DeleteUserResult;
import dev.sessionauth.EmailChangeResult;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.ProfileChange;
import dev.sessionauth.Session;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionValidation;
import dev.sessionauth.SignInResult;
import dev.sessionauth.SignUp;
import dev.sessionauth.SignUpResult;
import dev.sessionauth.User;
import dev.sessionauth.Validation;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.spi.VerificationSender;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine behind {@link SessionAuth}: the app-facing calls, each acting for the browser of the request it is
 * given (through the {@link SessionTransport} the filter publishes), and the calls the web layer makes in the engine's
 * own terms (presented tokens, resolutions, callers, browser updates). The work is done by the {@link Parts}.
 */
public final class Engine extends SessionAuth {
    /** The request attribute that keeps the engine's resolution of the request beside its {@link AuthContext}. */
    public static final String RESOLUTION = Engine.class.getName() + ".resolution";
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final AuthConfig config;
    private final Clock clock;
    private final Stores stores;
    private final Parts parts;

    Engine(AuthConfig config, Clock clock, Stores stores, Parts parts) {
        this.config = config;
        this.clock = clock;
        this.stores = stores;
        this.parts = parts;
    }

    /** The engine behind {@code auth}: every {@link SessionAuth} is one. */
    public static Engine of(SessionAuth auth) {
        if (auth instanceof Engine engine) {
            return engine;
        }
        throw new IllegalArgumentException("not a SessionAuth built by SessionAuth.builder(): " + auth.getClass());
    }

    public AuthConfig config() {
        return config;
    }

    /** Signs and verifies the session cookie's value; the web layer's cookies use it. */
    public CookieSigner cookieSigner() {
        return parts.signer();
    }

    /** The clock every timestamp and expiry comes from. */
    public Clock clock() {
        return clock;
    }

    /** The features that started, in registration order: the web layer adds their routes and cookies. */
    public List<FeaturePart> features() {
        return parts.features();
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        return parts.features().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    // ---- the web layer's calls, in the engine's terms

    /** The session the presented tokens name, and what the browser must be told ({@link Resolution#browser()}). */
    public Resolution resolve(Presented presented, ResolveMode mode) {
        return parts.resolver().resolve(presented, mode);
    }

    /** The context a request gets for this resolution. */
    public AuthContext contextFor(Resolution r) {
        // The CSRF token is computed only when a page or the form check asks: most requests never need it.
        return newContext(r.session(), r::user, r.failure(), r.status() == Resolution.Status.EXPIRED,
                () -> r.session().map(s -> parts.signer().digest("csrf", s.getId())).orElse(""), false);
    }

    /** The context of a request whose session could not be checked because the store is down. */
    public AuthContext storeUnavailable() {
        return newContext(Optional.empty(), Optional::empty, ErrorCode.SERVICE_UNAVAILABLE, false, () -> "", true);
    }

    public SignedUp signUp(SignUp request, Caller caller) {
        return parts.accounts().signUp(request, caller);
    }

    public SignInOutcome signIn(SignIn request, Caller caller) {
        return parts.accounts().signIn(request, caller);
    }

    /** Ends the live sessions the presented tokens name; whether there was one. */
    public boolean signOut(Presented presented) {
        return parts.own().signOut(presented);
    }

    public void requestVerification(String email, Optional<LinkBase> links, Optional<String> callbackURL,
                                    ClientInfo client) {
        parts.verification().request(email, links, callbackURL, client);
    }

    /** Uses up a verification (or e-mail change) link's token: the address it names is verified. */
    public Outcome<User> verifyEmail(String token, Presented presented) {
        return parts.emailChange().isChangeToken(token) ? parts.emailChange().confirm(token, presented)
                : parts.verification().verify(token, presented);
    }

    /** Where verification links go: the configured mail sender, as a {@link VerificationSender}. */
    public VerificationSender verificationSender() {
        return parts.verification().sender();
    }

    public Resolution refresh(Resolution current) {
        return parts.resolver().refresh(current);
    }

    public boolean isFresh(Session session) {
        return parts.resolver().isFresh(session);
    }

    public int revokeOtherSessions(String userId, String keepSessionId) {
        return parts.own().revokeOthers(userId, keepSessionId);
    }

    public User updateUser(String userId, ProfileChange change, Writer writer) {
        return parts.accounts().updateUser(userId, change, writer);
    }

    public Session updateSession(Session session, Map<String, Object> fields, Writer writer) {
        return parts.own().updateFields(session, fields, writer);
    }

    public Resolution updateUser(Resolution current, ProfileChange change, Writer writer) {
        return parts.accounts().updateUser(current, change, writer);
    }

    public Resolution updateSession(Resolution current, Map<String, Object> fields, Writer writer) {
        return parts.own().updateFields(current, fields, writer);
    }

    public PasswordChanged changePassword(Resolution current, PasswordChange change, Caller caller) {
        return parts.accounts().changePassword(current, change, caller);
    }

    public void requestPasswordReset(String email, LinkBase links, Optional<String> redirectTo, ClientInfo client) {
        parts.passwordReset().request(email, Optional.of(links), redirectTo, client);
    }

    public User resetPassword(String token, String newPassword, ClientInfo client) {
        return parts.passwordReset().reset(token, newPassword, client);
    }

    public Outcome<EmailChangeResult> changeEmail(Resolution current, ChangeEmail change, Caller caller) {
        return parts.emailChange().change(current, change, caller);
    }

    /** Deletes the user (password, fresh session or the mailed {@code token}), or mails a confirmation link first. */
    public Outcome<DeleteUserResult> deleteUser(Resolution current, DeleteUser delete, Optional<String> token,
                                                Caller caller) {
        return parts.deletion().delete(current, delete, token, caller);
    }

    // ---- the app's calls, for the request's browser

    @Override
    public AuthContext context(HttpServletRequest request) {
        if (request.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext context) {
            return context;
        }
        try {
            return contextFor(peek(request));
        } catch (StoreUnavailableException e) {
            return storeUnavailable();
        }
    }

    /** The filter's resolution of the request, or one made now without side effects. */
    private Resolution peek(HttpServletRequest request) {
        if (request.getAttribute(RESOLUTION) instanceof Resolution r) {
            return r;
        }
        return resolve(SessionTransport.of(request).presented(request), ResolveMode.PEEK);
    }

    @Override
    public Optional<Session> getSession(HttpServletRequest request) {
        return Optional.ofNullable(context(request).getSession());
    }

    @Override
    public Optional<User> getUser(HttpServletRequest request) {
        return Optional.ofNullable(context(request).getUser());
    }

    @Override
    public String requireUserId(HttpServletRequest request) {
        AuthContext context = context(request);
        return getUser(request).map(User::getId).orElseThrow(() -> new AuthException(context.getFailure()));
    }

    @Override
    public SessionValidation validateSession(HttpServletRequest request, Validation validation) {
        // Resolved once: outside the filter a second look would find an expired row already swept.
        Resolution r;
        try {
            r = peek(request);
        } catch (StoreUnavailableException e) {
            return parts.resolver().validate(Resolution.of(Resolution.Status.NONE), ErrorCode.SERVICE_UNAVAILABLE,
                    validation);
        }
        AuthContext context = request.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext c ? c : contextFor(r);
        return parts.resolver().validate(r, context.getFailure(), validation);
    }

    @Override
    public SignUpResult signUp(HttpServletRequest request, HttpServletResponse response, SignUp signUp) {
        SessionTransport transport = SessionTransport.of(request);
        SignedUp done = parts.accounts().signUp(signUp, transport.caller(request).asApp());
        done.signedIn().ifPresent(s -> transport.apply(request, response, s.browser()));
        return new SignUpResult(done.user(), done.signedIn().isPresent());
    }

    @Override
    public SignInResult signIn(HttpServletRequest request, HttpServletResponse response, String email,
                               String password, boolean rememberMe) {
        SessionTransport transport = SessionTransport.of(request);
        SignInOutcome outcome = signIn(new SignIn(email, password, rememberMe), transport.caller(request));
        transport.apply(request, response, outcome.browser());
        return outcome.result();
    }

    @Override
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        SessionTransport transport = SessionTransport.of(request);
        signOut(transport.presented(request));
        transport.apply(request, response, BrowserUpdate.CLEAR);
    }

    @Override
    public int signOutAll(HttpServletRequest request, HttpServletResponse response) {
        int ended = current(request).user().map(u -> revokeAllSessions(u.getId())).orElse(0);
        SessionTransport.of(request).apply(request, response, BrowserUpdate.CLEAR);
        return ended;
    }

    @Override
    public Session refreshSession(HttpServletRequest request, HttpServletResponse response) {
        Resolution refreshed = refresh(current(request));
        SessionTransport.of(request).apply(request, response, refreshed.browser());
        return refreshed.session().orElseThrow();
    }

    @Override
    public List<Session> listSessions(HttpServletRequest request) {
        return listSessions(current(request).session().orElseThrow().getUserId());
    }

    @Override
    public boolean revokeSession(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        Session own = current(request).session().orElseThrow();
        boolean ended = revokeSession(own.getUserId(), sessionId);
        if (ended && own.getId().equals(sessionId)) {
            SessionTransport.of(request).apply(request, response, BrowserUpdate.CLEAR);
        }
        return ended;
    }

    @Override
    public int revokeOtherSessions(HttpServletRequest request, HttpServletResponse response) {
        Session own = current(request).session().orElseThrow();
        return revokeOtherSessions(own.getUserId(), own.getId());
    }

    @Override
    public Session updateSession(HttpServletRequest request, HttpServletResponse response,
                                 Map<String, Object> fields) {
        Resolution updated = updateSession(current(request), fields, Writer.APP);
        SessionTransport.of(request).apply(request, response, updated.browser());
        return updated.session().orElseThrow();
    }

    @Override
    public User updateUser(HttpServletRequest request, HttpServletResponse response, ProfileChange change) {
        Resolution updated = updateUser(current(request), change, Writer.APP);
        SessionTransport.of(request).apply(request, response, updated.browser());
        return updated.user().orElseThrow();
    }

    @Override
    public void changePassword(HttpServletRequest request, HttpServletResponse response, String currentPassword,
                               String newPassword, boolean revokeOtherSessions) {
        SessionTransport transport = SessionTransport.of(request);
        PasswordChanged changed = changePassword(current(request),
                new PasswordChange(currentPassword, newPassword, revokeOtherSessions), transport.caller(request));
        changed.newSession().ifPresent(s -> transport.apply(request, response, s.browser()));
    }

    @Override
    public void requestPasswordReset(HttpServletRequest request, String email) {
        Caller caller = SessionTransport.of(request).caller(request);
        parts.passwordReset().request(email, caller.links(), Optional.empty(), caller.client());
    }

    @Override
    public void requestPasswordReset(HttpServletRequest request, String email, String redirectTo) {
        Caller caller = SessionTransport.of(request).caller(request);
        parts.passwordReset().request(email, caller.links(), Optional.of(redirectTo), caller.client());
    }

    @Override
    public boolean isPasswordResetValid(String token) {
        return parts.passwordReset().isValid(token);
    }

    @Override
    public User resetPassword(HttpServletRequest request, String token, String newPassword) {
        return resetPassword(token, newPassword, SessionTransport.of(request).caller(request).client());
    }

    @Override
    public void requestVerification(HttpServletRequest request, String email) {
        Caller caller = SessionTransport.of(request).caller(request);
        requestVerification(email, caller.links(), Optional.empty(), caller.client());
    }

    @Override
    public void requestVerification(HttpServletRequest request, String email, String callbackURL) {
        Caller caller = SessionTransport.of(request).caller(request);
        requestVerification(email, caller.links(), Optional.of(callbackURL), caller.client());
    }

    @Override
    public EmailChangeResult changeEmail(HttpServletRequest request, HttpServletResponse response,
                                         ChangeEmail change) {
        SessionTransport transport = SessionTransport.of(request);
        Outcome<EmailChangeResult> done = changeEmail(current(request), change, transport.caller(request));
        transport.apply(request, response, done.browser());
        return done.value();
    }

    @Override
    public DeleteUserResult deleteUser(HttpServletRequest request, HttpServletResponse response, DeleteUser delete) {
        SessionTransport transport = SessionTransport.of(request);
        Outcome<DeleteUserResult> done = deleteUser(current(request), delete, Optional.empty(),
                transport.caller(request));
        transport.apply(request, response, done.browser());
        return done.value();
    }

    /** The request's live session as the store has it now, or the 401 that fits why there is none. */
    private Resolution current(HttpServletRequest request) {
        Resolution r = resolve(SessionTransport.of(request).presented(request), ResolveMode.STORE.withoutRefresh());
        if (!r.isValid()) {
            throw new AuthException(r.failure());
        }
        return r;
    }

    // ---- the app's own administration

    @Override
    public List<Session> listSessions(String userId) {
        return parts.own().list(userId);
    }

    @Override
    public boolean revokeSession(String userId, String sessionId) {
        return parts.own().revoke(userId, sessionId);
    }

    @Override
    public int revokeAllSessions(String userId) {
        return parts.own().revokeAll(userId);
    }

    @Override
    public User updateUser(String userId, ProfileChange change) {
        return parts.accounts().updateUser(userId, change, Writer.APP);
    }

    @Override
    public Cleanup deleteExpiredRows() {
        return parts.housekeeping().deleteExpiredRows();
    }

    @Override
    public void close() {
        parts.close();
        try {
            stores.closer().close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing the session store failed: " + e.getMessage());
        }
    }
}
