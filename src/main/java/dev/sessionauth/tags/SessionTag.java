package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import jakarta.servlet.jsp.JspException;
import java.util.Optional;

/**
 * {@code <auth:session property="expiresAt"/>}: a property of the current session
 * ({@link TagValues#SESSION_PROPERTIES}), instants as ISO-8601, HTML-escaped.
 */
public final class SessionTag extends PropertyTag {
    @Override
    Optional<String> lookup(Optional<AuthContext> auth, String property) throws JspException {
        return TagValues.sessionProperty(auth.map(AuthContext::getSession), property);
    }
}
