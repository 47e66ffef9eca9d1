package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import jakarta.servlet.jsp.JspException;
import java.util.Optional;

/**
 * {@code <auth:hasRole name="admin, editor">}: shows its body only when the signed-in user has one of the
 * roles (from the user's {@code role} field, as {@code request.isUserInRole} reads it).
 */
public final class HasRoleTag extends ConditionalTag {
    private String name = "";

    /** One role, or a comma-separated list of which any one suffices. */
    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    @Override
    boolean test(Optional<AuthContext> auth) throws JspException {
        return TagValues.hasAnyRole(auth.map(AuthContext::getUser), name);
    }
}
