package dev.sessionauth.tags;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;

/** The {@code scope} attribute's names ({@code page}, {@code request}, {@code session}, {@code application}). */
final class Scopes {
    private Scopes() {
    }

    /** The {@link PageContext} constant for a scope name, as JSTL spells them. */
    static int of(String name) throws JspException {
        return switch (name.strip()) {
            case "page" -> PageContext.PAGE_SCOPE;
            case "request" -> PageContext.REQUEST_SCOPE;
            case "session" -> PageContext.SESSION_SCOPE;
            case "application" -> PageContext.APPLICATION_SCOPE;
            default -> throw new JspException("scope=\"" + name + "\": use page, request, session or application");
        };
    }
}
