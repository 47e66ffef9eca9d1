package dev.sessionauth.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a dispatch goes and where its request first went, as the servlet API tells them. A forward, an error page
 * and an async dispatch change the request's own paths to the target's; an include leaves them alone and names its
 * target in the {@code jakarta.servlet.include.*} attributes (a named dispatcher's include names none, and reaches
 * the servlet it names under the request's own paths). The first request's URI is kept in the
 * {@code jakarta.servlet.forward.*}, {@code async.*} and {@code error.*} attributes.
 */
final class DispatchTarget {
    private DispatchTarget() {
    }

    /** The raw URI the dispatch names. */
    static String requestUri(HttpServletRequest request) {
        String included = includeAttribute(request, RequestDispatcher.INCLUDE_REQUEST_URI);
        return included != null ? included : request.getRequestURI();
    }

    /** The servlet path the dispatch reaches. */
    static String servletPath(HttpServletRequest request) {
        String included = includeAttribute(request, RequestDispatcher.INCLUDE_SERVLET_PATH);
        return included != null ? included : request.getServletPath();
    }

    /** The path info the dispatch reaches, or null. */
    static String pathInfo(HttpServletRequest request) {
        return isPathInclude(request) ? includeAttribute(request, RequestDispatcher.INCLUDE_PATH_INFO)
                : request.getPathInfo();
    }

    /** The URI and query the client asked for, whatever the request has been dispatched to since. */
    static String original(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            // The forward attributes name the first request even after nested forwards (Tomcat sets them for error
            // pages too); the others are only read when they are absent.
            String[][] kept = {
                {RequestDispatcher.FORWARD_REQUEST_URI, RequestDispatcher.FORWARD_QUERY_STRING},
                {AsyncContext.ASYNC_REQUEST_URI, AsyncContext.ASYNC_QUERY_STRING},
                {RequestDispatcher.ERROR_REQUEST_URI, null},
            };
            for (String[] names : kept) {
                if (request.getAttribute(names[0]) instanceof String uri) {
                    Object query = names[1] == null ? request.getQueryString() : request.getAttribute(names[1]);
                    return query instanceof String q ? uri + "?" + q : uri;
                }
            }
        }
        return request.getQueryString() == null ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
    }

    private static boolean isPathInclude(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.INCLUDE
                && request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) instanceof String;
    }

    private static String includeAttribute(HttpServletRequest request, String name) {
        return isPathInclude(request) && request.getAttribute(name) instanceof String value ? value : null;
    }
}
