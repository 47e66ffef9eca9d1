package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import jakarta.servlet.jsp.JspContext;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import java.util.Optional;

/** Where every tag gets the request's session state: the filter's request attribute, and nothing else. */
final class RequestAuth {
    private RequestAuth() {
    }

    /**
     * The request's {@link AuthContext}, or empty when {@code SessionAuthFilter} did not run for this request.
     * Read from request scope only, so a page variable that happens to be called {@code auth} cannot fake it.
     */
    static Optional<AuthContext> of(JspContext page) {
        return page.getAttribute(AuthContext.ATTRIBUTE, PageContext.REQUEST_SCOPE) instanceof AuthContext auth
                ? Optional.of(auth)
                : Optional.empty();
    }

    /** The request's context for tags that must not render without the filter (a form the filter would refuse). */
    static AuthContext required(JspContext page, String tag) throws JspException {
        return of(page).orElseThrow(() -> missingFilter(tag));
    }

    static JspException missingFilter(String tag) {
        return new JspException("<auth:" + tag + "/> needs SessionAuthFilter to cover this page: map the filter"
                + " (web.xml <filter-mapping>) to a pattern that includes this page's URL, so that the request"
                + " carries the \"" + AuthContext.ATTRIBUTE + "\" attribute and its CSRF token");
    }
}
