package dev.sessionauth;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The session state of one request, put on it as the attribute {@code auth} by the filter: for servlets
 * ({@code request.getAttribute("auth")}, or {@code SessionAuth.of(request).context(request)}) and for pages
 * ({@code ${auth.signedIn}}, {@code ${auth.user.email}}). A final bean so that JSP EL can read it; made only by the
 * library.
 */
public final class AuthContext {
    /** The request attribute that holds the context. */
    public static final String ATTRIBUTE = "auth";

    private final Session session;
    private final Supplier<Optional<User>> userSource;
    private volatile Optional<User> user;
    private final ErrorCode failure;
    private final boolean expired;
    private final Supplier<String> csrfTokenSource;
    private volatile String csrfToken;
    private final boolean storeUnavailable;

    AuthContext(Optional<Session> session, Supplier<Optional<User>> user, ErrorCode failure, boolean expired,
                Supplier<String> csrfToken, boolean storeUnavailable) {
        this.session = session.orElse(null);
        this.userSource = user;
        this.failure = failure;
        this.expired = expired;
        this.csrfTokenSource = csrfToken;
        this.storeUnavailable = storeUnavailable;
    }

    /** Whether the request has a live session. */
    public boolean isSignedIn() {
        return session != null;
    }

    /**
     * The signed-in user, or {@code null} (for EL): read from the store the first time it is asked for, at most once
     * per request; {@code null} too when the user was deleted since the session was read.
     */
    public User getUser() {
        Optional<User> known = user;
        if (known == null) {
            synchronized (this) {
                known = user;
                if (known == null) {
                    known = session == null ? Optional.empty() : userSource.get();
                    user = known;
                }
            }
        }
        return known.orElse(null);
    }

    /** The session, or {@code null} (for EL) when signed out. */
    public Session getSession() {
        return session;
    }

    /** The token that form posts to the app carry as {@code _csrf}; empty when signed out. */
    public String getCsrfToken() {
        String token = csrfToken;
        if (token == null) {
            token = csrfTokenSource.get();
            csrfToken = token;
        }
        return token;
    }

    /** Whether the request's cookie named a session that has expired: for "your session expired" pages. */
    public boolean isExpired() {
        return expired;
    }

    /** Whether the session could not be checked because the store is down; the request is treated as signed out. */
    public boolean isStoreUnavailable() {
        return storeUnavailable;
    }

    /** Why there is no session, as the error a protected resource answers with ({@code UNAUTHORIZED} …). */
    public ErrorCode getFailure() {
        return storeUnavailable ? ErrorCode.SERVICE_UNAVAILABLE : failure;
    }
}
