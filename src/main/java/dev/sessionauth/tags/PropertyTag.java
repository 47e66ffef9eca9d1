package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.util.Optional;

/**
 * The attributes and output rules shared by {@code <auth:user>} and {@code <auth:session>}: the value (or the
 * default) printed HTML-escaped unless {@code escapeXml="false"}, or with {@code var} stored raw in a scope.
 */
public abstract sealed class PropertyTag extends SimpleTagSupport permits UserTag, SessionTag {
    private String property = "";
    private Optional<String> fallback = Optional.empty();
    private boolean escapeXml = true;
    private Optional<String> var = Optional.empty();
    private Optional<String> scope = Optional.empty();

    /** Which value to show. */
    public void setProperty(String property) {
        this.property = property == null ? "" : property;
    }

    /** What to show when signed out or when the value is absent or empty. */
    public void setDefault(String fallback) {
        this.fallback = Optional.ofNullable(fallback);
    }

    /** Whether {@code & < > " '} are escaped on output (default true); the value stored by {@code var} is raw. */
    public void setEscapeXml(boolean escapeXml) {
        this.escapeXml = escapeXml;
    }

    /** The variable to store the value in instead of printing it. */
    public void setVar(String var) {
        this.var = Optional.ofNullable(var);
    }

    /** The scope of {@code var}: page (default), request, session or application. */
    public void setScope(String scope) {
        this.scope = Optional.ofNullable(scope);
    }

    /** The value of the property for this request, empty when there is none. */
    abstract Optional<String> lookup(Optional<AuthContext> auth, String property) throws JspException;

    @Override
    public final void doTag() throws JspException, IOException {
        Optional<String> value = lookup(RequestAuth.of(getJspContext()), property);
        ValueAction.decide(value, fallback, escapeXml, var, scope).apply(getJspContext());
    }
}
