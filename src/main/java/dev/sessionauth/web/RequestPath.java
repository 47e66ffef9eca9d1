package dev.sessionauth.web;

import java.util.Objects;

/**
 * The one path a request is judged by: the filter's own normalization of the raw request URI, accepted only when
 * it names the same path the container dispatches the request to ({@code getServletPath()} +
 * {@code getPathInfo()}), so that no request means one path to the access rules and another to the servlets.
 *
 * <p>Containers differ from each other (and from any filter) in how they read path parameters, dot segments and
 * encodings; comparing the two views after the fact covers every such difference, known or not, rather than
 * predicting each container's parser.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * Returns the canonical path within the application that both views agree on.
     *
     * <p>The container's view is already decoded and normalized by the container; it is compared segment by
     * segment, ignoring empty segments, so a trailing slash ({@code /dashboard/}), a doubled one, the context root
     * (servlet path {@code ""} and path info {@code /}), the default servlet (path info {@code null}) and extension
     * mappings ({@code /a/b.jsp}) all agree with their canonical form. A dot segment left in the container's view,
     * or any other difference, is a disagreement.
     *
     * @param requestUri the raw request URI, still encoded ({@code getRequestURI()})
     * @param contextPath the application's decoded context path ({@code ServletContext.getContextPath()}),
     *     {@code ""} for the root application
     * @param servletPath the container's decoded servlet path ({@code getServletPath()})
     * @param pathInfo the container's decoded path info ({@code getPathInfo()}), or {@code null}
     * @return the canonical path below the context path, e.g. {@code /api/protected/data}
     * @throws AmbiguousPathException if the URI cannot be normalized, lies outside the context path, or names
     *     another path than the one the container dispatches to
     */
    public static String agreed(String requestUri, String contextPath, String servletPath, String pathInfo) {
        Objects.requireNonNull(contextPath, "contextPath");
        String path = withinContext(PathNormalizer.normalize(requestUri), contextPath);
        if (!sameSegments(path, servletPath == null ? "" : servletPath, pathInfo)) {
            throw new AmbiguousPathException("the container dispatches it to a different path than it names");
        }
        return path;
    }

    private static String withinContext(String normalized, String contextPath) {
        if (contextPath.isEmpty()) {
            return normalized;
        }
        int length = contextPath.length();
        if (!normalized.startsWith(contextPath)) {
            throw new AmbiguousPathException("it does not lie under the application's context path");
        }
        if (normalized.length() == length) {
            return "/";
        }
        if (normalized.charAt(length) != '/') {
            throw new AmbiguousPathException("it does not lie under the application's context path");
        }
        return normalized.substring(length);
    }

    /** Whether the container's path, in two parts, has exactly the segments of {@code canonical}. */
    private static boolean sameSegments(String canonical, String servletPath, String pathInfo) {
        // pos is the index of the '/' that opens canonical's next unmatched segment, or its length when none is
        // left; the root "/" has no segments.
        int pos = canonical.length() == 1 ? 1 : 0;
        pos = matchSegments(canonical, pos, servletPath);
        if (pos >= 0 && pathInfo != null) {
            pos = matchSegments(canonical, pos, pathInfo);
        }
        return pos == canonical.length();
    }

    /** Matches each non-empty segment of {@code part} against canonical's from {@code pos}; -1 on any mismatch. */
    private static int matchSegments(String canonical, int pos, String part) {
        int length = part.length();
        int i = 0;
        while (i < length) {
            if (part.charAt(i) == '/') {
                i++;
                continue;
            }
            int end = part.indexOf('/', i);
            if (end < 0) {
                end = length;
            }
            int segmentLength = end - i;
            if (segmentLength <= 2 && part.charAt(i) == '.' && part.charAt(end - 1) == '.') {
                return -1;
            }
            if (pos >= canonical.length()) {
                return -1;
            }
            int canonicalEnd = canonical.indexOf('/', pos + 1);
            if (canonicalEnd < 0) {
                canonicalEnd = canonical.length();
            }
            if (canonicalEnd - pos - 1 != segmentLength || !canonical.regionMatches(pos + 1, part, i, segmentLength)) {
                return -1;
            }
            pos = canonicalEnd;
            i = end;
        }
        return pos;
    }
}
