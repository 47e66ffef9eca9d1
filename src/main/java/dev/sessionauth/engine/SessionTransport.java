package dev.sessionauth.engine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a request reaches the engine and how the engine's decisions reach the browser: the tokens a request presents,
 * who asks (address, User-Agent, where it reached the app), and telling the browser what the engine decided. The web
 * layer implements it with SessionAuth's cookies and publishes it beside the engine (request and servlet-context
 * attribute {@link #ATTRIBUTE}), so the request-level Java API never handles a cookie or a header itself.
 */
public interface SessionTransport {
    /** The request and servlet-context attribute under which the filter publishes its transport. */
    String ATTRIBUTE = SessionTransport.class.getName();

    /** The tokens the request presents (cookies or a bearer header), and the cached session if any. */
    Presented presented(HttpServletRequest request);

    /** Who asks: the client's address (as {@code trustProxy} says) and User-Agent, its tokens, where it reached the app. */
    Caller caller(HttpServletRequest request);

    /** Tells the browser what the engine decided: sets, clears or keeps the cookies. */
    void apply(HttpServletRequest request, HttpServletResponse response, BrowserUpdate update);

    /**
     * The transport of the filter that covers this request.
     *
     * @throws IllegalStateException when no filter covers it
     */
    static SessionTransport of(HttpServletRequest request) {
        Object transport = request.getAttribute(ATTRIBUTE);
        if (transport == null) {
            transport = request.getServletContext().getAttribute(ATTRIBUTE);
        }
        if (transport instanceof SessionTransport t) {
            return t;
        }
        throw new IllegalStateException("SessionAuth's cookies are not set up for this request: declare"
                + " SessionAuthFilter in web.xml with a <filter-mapping> that covers this path");
    }
}
