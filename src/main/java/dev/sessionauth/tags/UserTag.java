package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import jakarta.servlet.jsp.JspException;
import java.util.Optional;

/**
 * {@code <auth:user property="email"/>}: a property of the signed-in user ({@link TagValues#USER_PROPERTIES} or
 * an additional field such as {@code role}), HTML-escaped.
 */
public final class UserTag extends PropertyTag {
    @Override
    Optional<String> lookup(Optional<AuthContext> auth, String property) throws JspException {
        return TagValues.userProperty(auth.map(AuthContext::getUser), property);
    }
}
