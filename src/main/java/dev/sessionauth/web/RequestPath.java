package dev.sessionauth.web;

import java.util.Objects;

/**
 * The two paths a request is judged by: the path it names (the filter's own normalization of the raw request URI)
 * and the path of the resource the container reaches ({@code getServletPath()} + {@code getPathInfo()}). The two
 * must be the same path, so that no request means one path to the access rules and another to the servlets, with
 * one exception that containers make on purpose: a request that names a directory ({@code /docs/}, the context root
 * {@code /}) may reach that directory's welcome file ({@code /docs/index.html}, {@code /index.jsp}), which Tomcat
 * maps while it maps the request. The filter then judges both paths, protected if either is.
 *
 * <p>Containers differ from each other (and from any filter) in how they read path parameters, dot segments and
 * encodings; comparing the two views after the fact covers every such difference, known or not, rather than
 * predicting each container's parser.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * Returns the path a request names: its raw URI normalized ({@link PathNormalizer#normalize}), below the
     * context path.
     *
     * @param requestUri the raw request URI, still encoded ({@code getRequestURI()})
     * @param contextPath the application's decoded context path ({@code ServletContext.getContextPath()}),
     *     {@code ""} for the root application
     * @return the canonical path below the context path, e.g. {@code /api/protected/data}
     * @throws AmbiguousPathException if the URI cannot be normalized or lies outside the context path
     */
    public static String named(String requestUri, String contextPath) {
        Objects.requireNonNull(contextPath, "contextPath");
        return withinContext(PathNormalizer.normalize(requestUri), contextPath);
    }

    /**
     * Returns the path of the resource the container reaches for a request that names {@code named}.
     *
     * <p>That is {@code named} itself, the same instance (nothing is allocated), when the container's view has the
     * same segments: the container's view is already decoded and normalized by the container, and is compared
     * segment by segment ignoring empty segments, so a trailing slash ({@code /dashboard/}), a doubled one, the
     * context root (servlet path {@code ""} and path info {@code /}), the default servlet (path info {@code null})
     * and extension mappings ({@code /a/b.jsp}) all agree with their canonical form.
     *
     * <p>When the request names a directory (its URI's last segment is empty, {@code ;parameters} aside) and the
     * container's view is that directory plus exactly one more segment, that is the directory's welcome file and
     * its canonical path is returned ({@code /docs/} reaching {@code /docs/index.html}). Tomcat maps welcome files
     * this way; Jetty forwards to them instead. The welcome-file list is not part of the portable servlet API, so
     * any one name is accepted: the caller judges both paths, so a name that is not a welcome file gains nothing.
     *
     * <p>A dot segment left in the container's view, or any other difference, is a disagreement.
     *
     * @param named what {@link #named} returned for {@code requestUri}
     * @param requestUri the raw request URI, still encoded ({@code getRequestURI()})
     * @param servletPath the container's decoded servlet path ({@code getServletPath()})
     * @param pathInfo the container's decoded path info ({@code getPathInfo()}), or {@code null}
     * @return {@code named}, or the canonical path of the welcome file the container reaches instead
     * @throws AmbiguousPathException if the container dispatches to another path than the one named
     */
    public static String reached(String named, String requestUri, String servletPath, String pathInfo) {
        String servlet = servletPath == null ? "" : servletPath;
        if (sameSegments(named, servlet, pathInfo)) {
            return named;
        }
        if (namesDirectory(requestUri)) {
            String welcome = welcomeFile(named, servlet, pathInfo);
            if (welcome != null) {
                return welcome;
            }
        }
        throw new AmbiguousPathException("the container dispatches it to a different path than it names");
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

    /** Whether the raw URI ends with an empty segment, or one of {@code ;parameters} only ({@code /docs/;x=1}). */
    private static boolean namesDirectory(String requestUri) {
        int slash = requestUri.lastIndexOf('/');
        return slash >= 0 && (slash == requestUri.length() - 1 || requestUri.charAt(slash + 1) == ';');
    }

    /** The container's path when it is {@code named} plus one segment, else null. */
    private static String welcomeFile(String named, String servletPath, String pathInfo) {
        StringBuilder joined = new StringBuilder(servletPath.length() + (pathInfo == null ? 0 : pathInfo.length()));
        if (!appendSegments(joined, servletPath) || pathInfo != null && !appendSegments(joined, pathInfo)) {
            return null;
        }
        String container = joined.toString();
        int lastSlash = container.lastIndexOf('/');
        if (lastSlash < 0) {
            return null;
        }
        // The root's children start right after it ("/index.jsp"); any other directory's after "named/".
        boolean under = named.length() == 1 ? lastSlash == 0
                : lastSlash == named.length() && container.startsWith(named);
        return under ? container : null;
    }

    /** Appends each non-empty segment of {@code part} as "/segment"; false on a dot segment. */
    private static boolean appendSegments(StringBuilder out, String part) {
        int length = part.length();
        int i = 0;
        while (i < length) {
            int end = part.indexOf('/', i);
            if (end < 0) {
                end = length;
            }
            if (end > i) {
                if (isDots(part, i, end - i)) {
                    return false;
                }
                out.append('/').append(part, i, end);
            }
            i = end + 1;
        }
        return true;
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
            if (isDots(part, i, segmentLength)) {
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

    private static boolean isDots(String path, int from, int length) {
        return length <= 2 && path.charAt(from) == '.' && path.charAt(from + length - 1) == '.';
    }
}
