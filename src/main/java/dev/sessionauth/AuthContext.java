package dev.sessionauth;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The session state of one request, put on it as the attribute {@code auth} by the filter: for servlets
 * ({@code request.getAttribute("auth")}) and for pages ({@code ${auth.signedIn}}, {@code ${auth.user.email}}).
 */
public final class AuthContext {
    /** The request attribute that holds the context. */
    public static final String ATTRIBUTE = "auth";

    private final Resolution resolution;
    private final Supplier<String> csrfTokenSource;
    private volatile String csrfToken;
    private final boolean storeUnavailable;

    private AuthContext(Resolution resolution, Supplier<String> csrfToken, boolean storeUnavailable) {
        this.resolution = resolution;
        this.csrfTokenSource = csrfToken;
        this.storeUnavailable = storeUnavailable;
    }

    /** The context of a request resolved to {@code resolution}; {@code csrfToken} is asked at most once, if ever. */
    public static AuthContext of(Resolution resolution, Supplier<String> csrfToken) {
        return new AuthContext(resolution, csrfToken, false);
    }

    /** The context of a request whose session could not be checked because the store is down. */
    public static AuthContext storeUnavailable() {
        return new AuthContext(Resolution.of(Resolution.Status.NONE), () -> "", true);
    }

    public boolean isSignedIn() {
        return resolution.isValid();
    }

    public Optional<User> user() {
        return resolution.user();
    }

    public Optional<Session> session() {
        return resolution.session();
    }

    /** The signed-in user, or {@code null} for EL; Java code should prefer {@link #user()}. */
    public User getUser() {
        return resolution.user().orElse(null);
    }

    /** The session, or {@code null} for EL; Java code should prefer {@link #session()}. */
    public Session getSession() {
        return resolution.session().orElse(null);
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
        return resolution.status() == Resolution.Status.EXPIRED;
    }

    /** Whether the session could not be checked because the store is down; the request is treated as signed out. */
    public boolean isStoreUnavailable() {
        return storeUnavailable;
    }

    /** Why there is no session, as the error a protected resource answers with. */
    public ErrorCode failure() {
        return storeUnavailable ? ErrorCode.SERVICE_UNAVAILABLE : resolution.failure();
    }

    /** The engine's verdict on the request's credentials. */
    public Resolution resolution() {
        return resolution;
    }
}
