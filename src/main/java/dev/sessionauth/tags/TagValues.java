package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import jakarta.servlet.jsp.JspException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The values behind {@code <auth:user>}, {@code <auth:session>} and {@code <auth:hasRole>}, looked up in the
 * user and session of a request's {@link AuthContext} as text: absent when signed out, missing or empty.
 */
public final class TagValues {
    /** The built-in properties of {@code <auth:user>}; any other name is read from the user's additional fields. */
    public static final List<String> USER_PROPERTIES =
            List.of("id", "name", "email", "emailVerified", "image", "createdAt", "updatedAt");
    /** The properties of {@code <auth:session>}. */
    public static final List<String> SESSION_PROPERTIES =
            List.of("id", "userId", "expiresAt", "absoluteExpiresAt", "createdAt", "updatedAt", "ipAddress", "userAgent");

    private TagValues() {
    }

    /**
     * A property of the signed-in user: a built-in one or an additional field. A field this user does not have is
     * simply absent (the page shows its default), since additional fields may be unset per user.
     *
     * @throws JspException when the property name is blank, signed in or not, so the page fails on first try
     */
    public static Optional<String> userProperty(Optional<User> user, String property) throws JspException {
        if (property.isBlank()) {
            throw new JspException("<auth:user property=\"\"/>: property must name one of " + USER_PROPERTIES
                    + " or an additional user field");
        }
        return user.flatMap(u -> userProperty(u, property.strip())).filter(s -> !s.isEmpty());
    }

    private static Optional<String> userProperty(User user, String property) {
        return switch (property) {
            case "id" -> Optional.of(user.getId());
            case "name" -> Optional.of(user.getName());
            case "email" -> Optional.of(user.getEmail());
            case "emailVerified" -> Optional.of(String.valueOf(user.isEmailVerified()));
            case "image" -> Optional.ofNullable(user.getImage());
            case "createdAt" -> Optional.of(user.getCreatedAt().toString());
            case "updatedAt" -> Optional.of(user.getUpdatedAt().toString());
            default -> Optional.ofNullable(user.getFields().get(property)).map(String::valueOf);
        };
    }

    /**
     * A property of the current session; instants as ISO-8601 ({@code 2025-01-31T12:00:00Z}).
     *
     * @throws JspException when the property is not one of {@link #SESSION_PROPERTIES}, signed in or not
     */
    public static Optional<String> sessionProperty(Optional<Session> session, String property) throws JspException {
        String name = property.strip();
        if (!SESSION_PROPERTIES.contains(name)) {
            throw new JspException("<auth:session property=\"" + property + "\"/>: unknown property; use one of "
                    + SESSION_PROPERTIES);
        }
        return session.flatMap(s -> sessionProperty(s, name)).filter(s -> !s.isEmpty());
    }

    private static Optional<String> sessionProperty(Session session, String property) {
        return switch (property) {
            case "id" -> Optional.of(session.getId());
            case "userId" -> Optional.of(session.getUserId());
            case "expiresAt" -> Optional.of(session.getExpiresAt().toString());
            case "absoluteExpiresAt" -> Optional.of(session.getAbsoluteExpiresAt().toString());
            case "createdAt" -> Optional.of(session.getCreatedAt().toString());
            case "updatedAt" -> Optional.of(session.getUpdatedAt().toString());
            case "ipAddress" -> Optional.ofNullable(session.getIpAddress());
            case "userAgent" -> Optional.ofNullable(session.getUserAgent());
            default -> throw new IllegalArgumentException(property);
        };
    }

    /**
     * Whether the signed-in user has any of the roles in a comma-separated list ({@code "admin, editor"}).
     *
     * @throws JspException when the list names no role, signed in or not
     */
    public static boolean hasAnyRole(Optional<User> user, String roles) throws JspException {
        List<String> names = Arrays.stream(roles.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new JspException("<auth:hasRole name=\"" + roles + "\">: name must be a role or a comma-separated"
                    + " list of roles");
        }
        return user.filter(u -> names.stream().anyMatch(u::hasRole)).isPresent();
    }
}
