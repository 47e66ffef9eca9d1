package dev.sessionauth.engine;

import dev.sessionauth.SessionAuth;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

/** Finds the instance the filter published for a request (request attribute, else servlet-context attribute). */
final class Published {
    private Published() {
    }

    static SessionAuth of(ServletRequest request) {
        Object auth = request.getAttribute(SessionAuth.ATTRIBUTE);
        if (auth == null && request instanceof HttpServletRequest http) {
            auth = http.getServletContext().getAttribute(SessionAuth.ATTRIBUTE);
        }
        if (auth instanceof SessionAuth sessionAuth) {
            return sessionAuth;
        }
        throw new IllegalStateException("SessionAuth is not set up for this request: declare SessionAuthFilter in"
                + " web.xml with a <filter-mapping> that covers this path");
    }
}
