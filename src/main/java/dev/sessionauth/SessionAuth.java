package dev.sessionauth;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The entry point of SessionAuth for an app's own code: one instance per app, built with {@link #builder()} or by
 * {@code SessionAuthFilter} from web.xml, and found from any request with {@link #of(ServletRequest)}. The calls
 * that take the request (and the response) act for the browser that sent it, exactly as the HTTP API would: they
 * read its session, count against its address in the throttles, and set or clear its cookies themselves. The calls
 * that take a user id are for the app's own administration. Failures are {@link AuthException}s with an
 * {@link ErrorCode}. Thread-safe; the filter closes an instance it built, the app closes one it built.
 */
public abstract class SessionAuth implements AutoCloseable {
    /** The request and servlet-context attribute under which the filter publishes the instance. */
    public static final String ATTRIBUTE = SessionAuth.class.getName();

    /** Only the library makes instances: use {@link #builder()}. */
    protected SessionAuth() {
    }

    /** Starts a builder: settings by name, stores, listeners, a mail sender, a clock. */
    public static SessionAuthBuilder builder() {
        return new SessionAuthBuilder();
    }

    /**
     * The instance serving this request, as published by {@code SessionAuthFilter}.
     *
     * @throws IllegalStateException when the filter does not cover this request
     */
    public static SessionAuth of(ServletRequest request) {
        Object auth = request.getAttribute(ATTRIBUTE);
        if (auth == null && request instanceof HttpServletRequest http) {
            auth = http.getServletContext().getAttribute(ATTRIBUTE);
        }
        if (auth instanceof SessionAuth sessionAuth) {
            return sessionAuth;
        }
        throw new IllegalStateException("SessionAuth is not set up for this request: declare SessionAuthFilter in"
                + " web.xml with a <filter-mapping> that covers this path");
    }

    /** The context of a request: its session and user as the library resolved them. For the library only. */
    protected static AuthContext newContext(Optional<Session> session, Supplier<Optional<User>> user,
                                            ErrorCode failure, boolean expired, Supplier<String> csrfToken,
                                            boolean storeUnavailable) {
        return new AuthContext(session, user, failure, expired, csrfToken, storeUnavailable);
    }

    // ---- the request's session

    /** The request's context as the filter resolved it; resolved now (without refresh) if the filter did not. */
    public abstract AuthContext context(HttpServletRequest request);

    /** The request's session, like Better Auth's {@code getServerSession}. */
    public abstract Optional<Session> getSession(HttpServletRequest request);

    /** The request's signed-in user. */
    public abstract Optional<User> getUser(HttpServletRequest request);

    /**
     * The signed-in user's id, like Convex's {@code getAuthUserId}.
     *
     * @throws AuthException {@code UNAUTHORIZED}, {@code SESSION_EXPIRED}, {@code INVALID_TOKEN} or
     *                       {@code SERVICE_UNAVAILABLE} when there is no usable session
     */
    public abstract String requireUserId(HttpServletRequest request);

    /**
     * Judges the request's session against {@code validation}, like Better Auth's {@code validateSession}:
     * {@code validateSession(request, Validation.requireVerified().allowExpired(false))}.
     */
    public abstract SessionValidation validateSession(HttpServletRequest request, Validation validation);

    // ---- signing up, in and out

    /**
     * Creates a user and, unless {@code emailVerification.required}, signs this browser in as them (a session it
     * had is ended). Fails with {@code INVALID_EMAIL}, {@code PASSWORD_TOO_*}, {@code INVALID_REQUEST_BODY},
     * {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL} or {@code TOO_MANY_REQUESTS}.
     */
    public abstract SignUpResult signUp(HttpServletRequest request, HttpServletResponse response, SignUp signUp);

    /**
     * Checks an e-mail and password and, when they hold, signs this browser in with a new session (a session it had
     * is ended), or asks for a second step. Fails with {@code INVALID_EMAIL_OR_PASSWORD}, {@code EMAIL_NOT_VERIFIED}
     * or {@code TOO_MANY_REQUESTS}.
     */
    public abstract SignInResult signIn(HttpServletRequest request, HttpServletResponse response, String email,
                                        String password, boolean rememberMe);

    /** Signs this browser out: its session ends and its cookies are expired. */
    public abstract void signOut(HttpServletRequest request, HttpServletResponse response);

    /** Signs the request's user out everywhere ("sign out from all devices"); how many sessions ended. */
    public abstract int signOutAll(HttpServletRequest request, HttpServletResponse response);

    /** Extends the request's remembered session to now + {@code session.maxAge} right away; its cookie is re-set. */
    public abstract Session refreshSession(HttpServletRequest request, HttpServletResponse response);

    // ---- the user's sessions

    /** The request's user's live sessions, newest first; each session's id is a handle, never a credential. */
    public abstract List<Session> listSessions(HttpServletRequest request);

    /** Ends one of the request's user's sessions by its id; whether one ended (this browser's cookies go with it). */
    public abstract boolean revokeSession(HttpServletRequest request, HttpServletResponse response,
                                          String sessionId);

    /** Ends every session of the request's user but this one; how many. */
    public abstract int revokeOtherSessions(HttpServletRequest request, HttpServletResponse response);

    /** Sets additional fields of the request's session (every declared one); the session afterwards. */
    public abstract Session updateSession(HttpServletRequest request, HttpServletResponse response,
                                          Map<String, Object> fields);

    // ---- the account

    /** Changes the request's user's name, image and additional fields (every declared one); the user afterwards. */
    public abstract User updateUser(HttpServletRequest request, HttpServletResponse response, ProfileChange change);

    /**
     * Changes the request's user's password after checking the current one ({@code INVALID_PASSWORD}; wrong ones count
     * against the account as failed sign-ins do). With {@code revokeOtherSessions} every other device is signed out
     * and this browser gets a new session.
     */
    public abstract void changePassword(HttpServletRequest request, HttpServletResponse response,
                                        String currentPassword, String newPassword, boolean revokeOtherSessions);

    /** Mails a password-reset link if the address has an account; the same outcome, and work, either way. */
    public abstract void requestPasswordReset(HttpServletRequest request, String email);

    /** {@link #requestPasswordReset(HttpServletRequest, String)} whose link leads on to {@code redirectTo}. */
    public abstract void requestPasswordReset(HttpServletRequest request, String email, String redirectTo);

    /** Whether a password-reset token would be accepted now; nothing is used up. */
    public abstract boolean isPasswordResetValid(String token);

    /**
     * Sets a new password with a single-use reset token ({@code INVALID_TOKEN}); every session of the user ends, and
     * so do the account's sign-in lock and its other pending links. The user afterwards.
     */
    public abstract User resetPassword(HttpServletRequest request, String token, String newPassword);

    /** Mails a verification link to this address if it has an unverified account; the same outcome either way. */
    public abstract void requestVerification(HttpServletRequest request, String email);

    /** {@link #requestVerification(HttpServletRequest, String)} whose link leads on to {@code callbackURL}. */
    public abstract void requestVerification(HttpServletRequest request, String email, String callbackURL);

    /**
     * Changes the request's user's address at once (unverified user) or mails a confirmation link to the new one
     * (verified user); the old address is told. Needs the password or a fresh sign-in ({@code SESSION_NOT_FRESH}).
     */
    public abstract EmailChangeResult changeEmail(HttpServletRequest request, HttpServletResponse response,
                                                  ChangeEmail change);

    /**
     * Deletes the request's user (password or fresh sign-in), or mails a confirmation link first
     * ({@code deleteUser.sendConfirmation}); once deleted, this browser's cookies are expired.
     */
    public abstract DeleteUserResult deleteUser(HttpServletRequest request, HttpServletResponse response,
                                                DeleteUser delete);

    // ---- the app's own administration

    /** The user's live sessions, newest first. */
    public abstract List<Session> listSessions(String userId);

    /** Ends one of the user's sessions by its id; whether one ended. */
    public abstract boolean revokeSession(String userId, String sessionId);

    /** Ends every session of the user; how many. */
    public abstract int revokeAllSessions(String userId);

    /** Changes a user's name, image and additional fields (every declared one); the user afterwards. */
    public abstract User updateUser(String userId, ProfileChange change);

    /**
     * Deletes expired sessions (and verification secrets, throttle windows, old revocation log entries) now, in
     * batches, as the background thread does every ten minutes; skipped when another instance on the same database
     * is doing it. For a scheduler of the app's own, and for tests.
     */
    public abstract Cleanup deleteExpiredRows();

    /**
     * The Java API of a way in that is switched on (two-factor codes, passkeys, identity providers, admin tools), by
     * its type; empty when it is not configured.
     */
    public abstract <T> Optional<T> feature(Class<T> type);

    /** Stops the background threads and closes the stores the instance opened. */
    @Override
    public abstract void close();
}
