package dev.sessionauth.engine;

import dev.sessionauth.AuthContext;
import dev.sessionauth.AuthException;
import dev.sessionauth.BrowserUpdate;
import dev.sessionauth.Caller;
import dev.sessionauth.ClientInfo;
import dev.sessionauth.DeleteUser;
import dev.sessionauth.DeleteUserResult;
import dev.sessionauth.EmailChangeResult;
import dev.sessionauth.EmailVerified;
import dev.sessionauth.LinkBase;
import dev.sessionauth.PasswordChange;
import dev.sessionauth.PasswordChanged;
import dev.sessionauth.Presented;
import dev.sessionauth.ProfileChange;
import dev.sessionauth.Resolution;
import dev.sessionauth.ResolveMode;
import dev.sessionauth.ServiceUnavailableException;
import dev.sessionauth.Session;
import dev.sessionauth.SessionTransport;
import dev.sessionauth.SessionValidation;
import dev.sessionauth.SignIn;
import dev.sessionauth.SignUp;
import dev.sessionauth.SignUpResult;
import dev.sessionauth.SignedIn;
import dev.sessionauth.User;
import dev.sessionauth.Validation;
import dev.sessionauth.VerificationSender;
import dev.sessionauth.Writer;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.CookieSigner;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session engine's entry point: sign-up, sign-in, sign-out, resolving a request's session with sliding refresh,
 * listing and revoking sessions, e-mail verification, changing and resetting passwords, changing the address,
 * deleting the account. One instance per app, shared by the filter, the HTTP API and
 * the app's own code ({@code SessionAuth.of(request)}). Thread-safe; close it when the app stops. The work is done
 * by the parts in {@code dev.sessionauth.engine}, which the {@link SessionAuthBuilder} wires.
 */
public final class SessionAuth implements AutoCloseable {
    /** The request and servlet-context attribute under which the filter publishes the instance. */
    public static final String ATTRIBUTE = SessionAuth.class.getName();
    private static final System.Logger LOG = System.getLogger(SessionAuth.class.getName());

    private final AuthConfig config;
    private final Clock clock;
    private final Stores stores;
    private final Parts parts;

    SessionAuth(AuthConfig config, Clock clock, Stores stores, Parts parts) {
        this.config = config;
        this.clock = clock;
        this.stores = stores;
        this.parts = parts;
    }

    /** Starts a builder: configuration by name, a data source, a clock. */
    public static SessionAuthBuilder builder() {
        return new SessionAuthBuilder();
    }

    /**
     * The instance serving this request, as published by {@code SessionAuthFilter}.
     *
     * @throws IllegalStateException when the filter does not cover this request
     */
    public static SessionAuth of(ServletRequest request) {
        return Published.of(request);
    }

    public AuthConfig config() {
        return config;
    }

    /** Signs and verifies the session cookie's value; the web layer's cookies use it. */
    public CookieSigner cookieSigner() {
        return parts.signer();
    }

    /** The clock every timestamp and expiry comes from (the throttles' windows too). */
    public Clock clock() {
        return clock;
    }

    /**
     * Creates a user and, unless {@code emailVerification.required}, signs them in (a presented session is revoked).
     * Fails with {@code INVALID_EMAIL}, {@code PASSWORD_TOO_*}, {@code INVALID_REQUEST_BODY} or {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}.
     */
    public SignUpResult signUp(SignUp request, Caller caller) {
        return parts.accounts().signUp(request, caller);
    }

    /**
     * Checks an e-mail and password and creates a new session (never reuses one). Fails with {@code INVALID_EMAIL},
     * {@code INVALID_EMAIL_OR_PASSWORD} or {@code EMAIL_NOT_VERIFIED} (a new link is sent).
     */
    public SignedIn signIn(SignIn request, Caller caller) {
        return parts.accounts().signIn(request, caller);
    }

    /** Ends the live session the presented tokens name, if any: the row is deleted. Whether there was one. */
    public boolean signOut(Presented presented) {
        return parts.own().signOut(presented);
    }

    /**
     * Mails a verification link to this address if it has an unverified account; the same outcome either way.
     * Counted against the client's address ({@code rateLimit.strict.*}).
     */
    public void requestVerification(String email, LinkBase links, Optional<String> callbackURL, ClientInfo client) {
        parts.verification().request(email, Optional.of(links), callbackURL, client);
    }

    /**
     * Uses up a verification (or e-mail change) link's token: the address it names is verified, if it is still the
     * account's (or becomes it, for a change); else {@code INVALID_TOKEN}.
     */
    public EmailVerified verifyEmail(String token, Presented presented) {
        return parts.emailChange().isChangeToken(token) ? parts.emailChange().confirm(token, presented)
                : parts.verification().verify(token, presented);
    }

    /** Where verification links go: the configured mail sender, as a {@link VerificationSender}. */
    public VerificationSender verificationSender() {
        return parts.verification().sender();
    }

    /** The session the presented tokens name, and what the browser must be told ({@link Resolution#browser()}). */
    public Resolution resolve(Presented presented, ResolveMode mode) {
        return parts.resolver().resolve(presented, mode);
    }

    /** Extends the current remembered session to {@code now + maxAge} right away; its cookie is re-set. */
    public Resolution refresh(Resolution current) {
        return parts.resolver().refresh(current);
    }

    /** The context a request gets for this resolution. */
    public AuthContext contextFor(Resolution resolution) {
        // Computed only when a page or the form check asks: most requests never need it.
        return AuthContext.of(resolution,
                () -> resolution.session().map(s -> parts.signer().digest("csrf", s.getId())).orElse(""));
    }

    /** Whether the session's sign-in is younger than {@code session.freshAge}. */
    public boolean isFresh(Session session) {
        return parts.resolver().isFresh(session);
    }

    /**
     * Judges the request's session against {@code validation}, like Better Auth's {@code validateSession}:
     * {@code validateSession(request, Validation.requireVerified().allowExpired(false))}.
     */
    public SessionValidation validateSession(HttpServletRequest request, Validation validation) {
        AuthContext context = context(request);
        return parts.resolver().validate(context.resolution(), context.failure(), validation);
    }

    /** The user's live sessions, newest first. */
    public List<Session> listSessions(String userId) {
        return parts.own().list(userId);
    }

    /** Revokes one of the user's own sessions by its handle; whether one was revoked. */
    public boolean revokeSession(String userId, String sessionId) {
        return parts.own().revoke(userId, sessionId);
    }

    /** Revokes every session of the user but {@code keepSessionId}; how many. */
    public int revokeOtherSessions(String userId, String keepSessionId) {
        return parts.own().revokeOthers(userId, keepSessionId);
    }

    /** Revokes every session of the user ("sign out from all devices"); how many. */
    public int revokeAllSessions(String userId) {
        return parts.own().revokeAll(userId);
    }

    /** Changes a user's name, image and additional fields ({@link Writer#CLIENT}: only {@code input} ones). */
    public User updateUser(String userId, ProfileChange change, Writer writer) {
        return parts.accounts().updateUser(userId, change, writer);
    }

    /** {@link #updateUser(String, ProfileChange, Writer)} for the request's user; the browser's cache follows. */
    public Resolution updateUser(Resolution current, ProfileChange change, Writer writer) {
        return parts.accounts().updateUser(current, change, writer);
    }

    /** Sets additional session fields ({@link Writer#CLIENT}: only {@code input} ones); the session afterwards. */
    public Session updateSession(Session session, Map<String, Object> fields, Writer writer) {
        return parts.own().updateFields(session, fields, writer);
    }

    /** {@link #updateSession(Session, Map, Writer)} for the request's session; the browser's cache follows. */
    public Resolution updateSession(Resolution current, Map<String, Object> fields, Writer writer) {
        return parts.own().updateFields(current, fields, writer);
    }

    /**
     * Changes the password, checking the current one first ({@code INVALID_PASSWORD}, {@code PASSWORD_TOO_*}); wrong
     * current passwords count against the account as failed sign-ins do ({@code TOO_MANY_REQUESTS} once locked).
     */
    public PasswordChanged changePassword(Resolution current, PasswordChange change, Caller caller) {
        return parts.accounts().changePassword(current, change, caller);
    }

    /**
     * Mails a password-reset link if the address has an account; the same outcome, and work, either way (the
     * look-up happens after the answer). Counted against the client's address ({@code rateLimit.strict.*}).
     */
    public void requestPasswordReset(String email, LinkBase links, Optional<String> redirectTo, ClientInfo client) {
        parts.passwordReset().request(email, Optional.of(links), redirectTo, client);
    }

    /** Whether a password-reset token would be accepted now; nothing is used up. */
    public boolean isPasswordResetValid(String token) {
        return parts.passwordReset().isValid(token);
    }

    /**
     * Sets a new password with a single-use reset token ({@code INVALID_TOKEN}); the user's sessions end, and so do
     * the account's sign-in lock and its other pending links.
     */
    public User resetPassword(String token, String newPassword, ClientInfo client) {
        return parts.passwordReset().reset(token, newPassword, client);
    }

    /**
     * Changes the address at once (unverified user) or mails a link to the new one (verified user); the old address
     * is told. Needs {@code password} or a fresh sign-in ({@code SESSION_NOT_FRESH}).
     */
    public EmailChangeResult changeEmail(Resolution current, String newEmail, Optional<String> password,
                                         LinkBase links, Optional<String> callbackURL, Caller caller) {
        return parts.emailChange().change(current, newEmail, password, Optional.of(links), callbackURL, caller);
    }

    /** Deletes the user (password, fresh session or mailed token), or mails a confirmation link first. */
    public DeleteUserResult deleteUser(Resolution current, DeleteUser request, LinkBase links, Caller caller) {
        return parts.deletion().delete(current, request, Optional.of(links), caller);
    }

    /** The request's session, like Better Auth's {@code getServerSession}. */
    public Optional<Session> getSession(HttpServletRequest request) {
        return context(request).session();
    }

    /** The request's signed-in user. */
    public Optional<User> getUser(HttpServletRequest request) {
        return context(request).user();
    }

    /**
     * The signed-in user's id, like Convex's {@code getAuthUserId}.
     *
     * @throws AuthException {@code UNAUTHORIZED}, {@code SESSION_EXPIRED}, {@code INVALID_TOKEN} or
     *                       {@code SERVICE_UNAVAILABLE} when there is no usable session
     */
    public String requireUserId(HttpServletRequest request) {
        AuthContext context = context(request);
        return context.user().map(User::getId).orElseThrow(() -> new AuthException(context.failure()));
    }

    /** Signs the request's session out: row deleted, cookies expired. */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        SessionTransport transport = SessionTransport.of(request);
        signOut(transport.presented(request));
        transport.apply(request, response, BrowserUpdate.CLEAR);
    }

    /** Signs the request's user out everywhere: every session row deleted, this browser's cookies expired. */
    public void signOutAll(HttpServletRequest request, HttpServletResponse response) {
        context(request).user().ifPresent(u -> revokeAllSessions(u.getId()));
        SessionTransport.of(request).apply(request, response, BrowserUpdate.CLEAR);
    }

    /** The request's context as the filter resolved it; resolved now (without refresh) if the filter did not. */
    public AuthContext context(HttpServletRequest request) {
        if (request.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext context) {
            return context;
        }
        try {
            return contextFor(resolve(SessionTransport.of(request).presented(request), ResolveMode.PEEK));
        } catch (ServiceUnavailableException e) {
            return AuthContext.storeUnavailable();
        }
    }

    /**
     * Deletes expired sessions (and verification secrets, throttle windows, old revocation log entries) now, in
     * batches, as the background thread does every ten minutes; skipped when another instance on the same database
     * is doing it (one cleanup at a time, by a lease row). For a scheduler of the app's own, and for tests.
     */
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
