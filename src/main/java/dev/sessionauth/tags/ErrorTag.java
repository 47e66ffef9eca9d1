package dev.sessionauth.tags;

import dev.sessionauth.ErrorMessages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code <auth:error/>}: the message for the code in {@code ?error=} (where the API's form redirects put a failure),
 * in the reader's language, escaped, in {@code <p class="auth-error" role="alert">}; nothing for no code or a value
 * that is not a known code, so the query string can never put text of its own on the page.
 */
public final class ErrorTag extends SimpleTagSupport {
    private String param = "error";
    private String bundle;
    private String cssClass = "auth-error";
    private Object locale;
    private String var;

    /** The query parameter that carries the code (default {@code error}). */
    public void setParam(String param) {
        this.param = param;
    }

    /** The app's own bundle ({@code error.<CODE>} keys), asked before the library's. */
    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    /** The paragraph's class (default {@code auth-error}). */
    public void setCssClass(String cssClass) {
        this.cssClass = cssClass;
    }

    /** The language, as a {@link Locale} or a tag such as {@code de}; default the request's Accept-Language. */
    public void setLocale(Object locale) {
        this.locale = locale;
    }

    /** Store the message (or nothing) in this page-scope variable instead of writing it. */
    public void setVar(String var) {
        this.var = var;
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext page = (PageContext) getJspContext();
        HttpServletRequest request = (HttpServletRequest) page.getRequest();
        Optional<String> message = ErrorMessages.of(request.getParameter(param), locale(request), bundle);
        if (var != null) {
            if (message.isPresent()) {
                page.setAttribute(var, message.get());
            } else {
                page.removeAttribute(var, PageContext.PAGE_SCOPE);
            }
            return;
        }
        if (message.isPresent()) {
            page.getOut().write("<p class=\"" + Html.escape(cssClass) + "\" role=\"alert\">"
                    + Html.escape(message.get()) + "</p>");
        }
    }

    private Locale locale(HttpServletRequest request) {
        if (locale instanceof Locale l) {
            return l;
        }
        if (locale instanceof String s && !s.isBlank()) {
            return Locale.forLanguageTag(s.strip());
        }
        return request.getLocale();
    }
}
