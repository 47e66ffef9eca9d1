package dev.sessionauth.web;

import dev.sessionauth.AuthContext;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.UserPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Optional;
import java.security.Principal;

/**
 * The request the app sees behind the filter: the signed-in {@link User} held by a {@link UserPrincipal} as
 * {@link #getUserPrincipal()} (whose name is the id, as servlet code expects), its id as {@link #getRemoteUser()}, roles from the user's {@code role} field, and the {@link AuthContext} attribute.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final AuthContext context;

    AuthenticatedRequest(HttpServletRequest request, AuthContext context) {
        super(request);
        this.context = context;
        request.setAttribute(AuthContext.ATTRIBUTE, context);
    }

    @Override
    public Principal getUserPrincipal() {
        return Optional.ofNullable(context.getUser()).<Principal>map(UserPrincipal::new).orElseGet(super::getUserPrincipal);
    }

    /** The user's id, which the session carries: no read of the user row. */
    @Override
    public String getRemoteUser() {
        return Optional.ofNullable(context.getSession()).map(Session::getUserId).orElseGet(super::getRemoteUser);
    }

    @Override
    public boolean isUserInRole(String role) {
        return Optional.ofNullable(context.getUser()).map(u -> u.hasRole(role)).orElse(false) || super.isUserInRole(role);
    }

    @Override
    public String getAuthType() {
        return context.isSignedIn() ? "SESSIONAUTH" : super.getAuthType();
    }
}
