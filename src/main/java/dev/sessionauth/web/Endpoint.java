package dev.sessionauth.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One endpoint of the HTTP API: its HTTP method and what answers it. The groups of endpoints ({@link SignInEndpoints},
 * {@link SessionEndpoints}, {@link UserEndpoints}) each list theirs; {@link AuthApi} routes to them.
 *
 * @param method the method it answers, or several as an {@code Allow} header lists them ({@code GET, POST}: an
 *               identity provider's callback), the handler then telling them apart
 */
public record Endpoint(String method, Handler handler) {

    /** Whether it answers {@code requestMethod} (and HEAD where it answers GET). */
    boolean allows(String requestMethod) {
        // Scanned in place: String.split(", ") compiles a regex on every call, which showed in get-session's
        // profile (4 % of its samples).
        int start = 0;
        while (start <= method.length()) {
            int comma = method.indexOf(',', start);
            int end = comma < 0 ? method.length() : comma;
            while (start < end && method.charAt(start) == ' ') {
                start++;
            }
            if (names(start, end, requestMethod) || requestMethod.equals("HEAD") && names(start, end, "GET")) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private boolean names(int start, int end, String candidate) {
        return end - start == candidate.length() && method.startsWith(candidate, start);
    }

    /** Answers a request; {@code query} is the request's query string, already decoded strictly. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response, UrlEncoded query) throws IOException;
    }

    /** Answers a request that reads no query parameters (the query is still checked, once, for every endpoint). */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    /** Answers a request whose path ends in a parameter, like {@code /reset-password/:token}. */
    @FunctionalInterface
    public interface SegmentHandler {
        void handle(HttpServletRequest request, HttpServletResponse response, UrlEncoded query, String segment)
                throws IOException;
    }

    /**
     * An endpoint under a path prefix ({@code /reset-password/}) whose last segment is a parameter: routed when
     * nothing matches exactly and the rest of the path is one non-empty segment.
     */
    public record WithSegment(String method, SegmentHandler handler) {
        /** The endpoint for one value of the segment. */
        Endpoint bind(String segment) {
            return new Endpoint(method, (request, response, query) -> handler.handle(request, response, query,
                    segment));
        }
    }

    public static Endpoint get(Handler handler) {
        return new Endpoint("GET", handler);
    }

    public static Endpoint post(BodyHandler handler) {
        return new Endpoint("POST", (request, response, query) -> handler.handle(request, response));
    }

    public static Endpoint getWithoutQuery(BodyHandler handler) {
        return new Endpoint("GET", (request, response, query) -> handler.handle(request, response));
    }
}
