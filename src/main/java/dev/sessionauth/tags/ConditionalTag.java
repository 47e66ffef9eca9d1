package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.tagext.JspFragment;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.util.Optional;

/**
 * The shape shared by the tags that show their body or not depending on the request's session
 * ({@code ifSignedIn}, {@code ifSignedOut}, {@code ifVerified}, {@code ifTwoFactorEnabled}, {@code hasRole}). Without the filter a request
 * counts as signed out.
 */
public abstract sealed class ConditionalTag extends SimpleTagSupport
        permits IfSignedInTag, IfSignedOutTag, IfVerifiedTag, IfTwoFactorEnabledTag, HasRoleTag {

    /** Whether the body is shown for this request's context (empty when the filter did not run). */
    abstract boolean test(Optional<AuthContext> auth) throws JspException;

    @Override
    public final void doTag() throws JspException, IOException {
        JspFragment body = getJspBody();
        if (test(RequestAuth.of(getJspContext())) && body != null) {
            body.invoke(null);
        }
    }
}
