package dev.sessionauth.web;

import dev.sessionauth.ErrorCode;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.Origins;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The CSRF origin check: an unsafe request that a browser could have been tricked into sending must come from
 * a trusted origin ({@code Origin}, else {@code Referer}). Trusted: {@code baseURL} (or, without it, the
 * request's own origin) and {@code trustedOrigins}.
 */
public final class CsrfGuard {
    /** The form field {@code <auth:csrfInput/>} renders. */
    public static final String TOKEN_FIELD = "_csrf";
    /** The header scripts send the token in (from {@code <auth:csrfMeta/>}). */
    public static final String TOKEN_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final boolean enabled;
    private final Optional<String> baseUrl;
    private final List<String> trustedOrigins;

    public CsrfGuard(AuthConfig config) {
        this.enabled = config.csrfProtection();
        this.baseUrl = config.baseUrl();
        this.trustedOrigins = config.trustedOrigins();
    }

    /** Whether the origin checks are on ({@code security.csrfProtection}). */
    public boolean isEnabled() {
        return enabled;
    }

    /** Whether the method changes state, so the request needs the check when it is ambient-authenticated. */
    public static boolean isUnsafe(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT));
    }

    /** The refusal for this request, or empty when its origin is trusted (or the check is off). */
    public Optional<ErrorCode> check(HttpServletRequest request) {
        if (!enabled) {
            return Optional.empty();
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            String referer = request.getHeader("Referer");
            if (referer == null || referer.isBlank()) {
                return Optional.of(ErrorCode.MISSING_OR_NULL_ORIGIN);
            }
            origin = referer;
        }
        if (origin.trim().equals("null")) {
            return Optional.of(ErrorCode.MISSING_OR_NULL_ORIGIN);
        }
        return Origins.of(origin).filter(o -> isTrusted(o, request)).isPresent()
                ? Optional.empty()
                : Optional.of(ErrorCode.INVALID_ORIGIN);
    }

    /**
     * Whether a form post carries the session's CSRF token, as the {@code _csrf} field or the
     * {@code X-CSRF-Token} header; compared in constant time. Always true when the check is off.
     */
    public boolean hasFormToken(HttpServletRequest request, String expected) {
        if (!enabled) {
            return true;
        }
        String presented = request.getHeader(TOKEN_HEADER);
        if (presented == null) {
            try {
                presented = request.getParameter(TOKEN_FIELD);
            } catch (RuntimeException e) {
                // No readable token, so none: a multipart body the target servlet is not configured to parse, a
                // form or query with a malformed escape, a charset the container cannot decode, a body cut short
                // (Jetty throws for each, Tomcat drops the parameter). The refusal is our 403, never its 500.
                return false;
            }
        }
        return matches(Optional.ofNullable(presented), expected);
    }

    /** Whether a presented CSRF token is the session's (constant-time compare); always true when the check is off. */
    public boolean matches(Optional<String> presented, String expected) {
        return !enabled || presented.isPresent() && !expected.isEmpty() && MessageDigest.isEqual(
                presented.get().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a URL (absolute, or relative to this app) points at a trusted origin: for callback URLs. */
    public boolean isTrustedUrl(String url, HttpServletRequest request) {
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") && url.chars().noneMatch(c -> c < 0x21)) {
            return true;
        }
        return Origins.of(url).filter(o -> isTrusted(o, request)).isPresent();
    }

    private boolean isTrusted(String origin, HttpServletRequest request) {
        return origin.equals(baseUrl.orElseGet(() -> requestOrigin(request))) || trustedOrigins.contains(origin);
    }

    /** The origin this request was addressed to, for when no {@code baseURL} is configured. */
    static String requestOrigin(HttpServletRequest request) {
        return Origins.canonical(request.getScheme(), request.getServerName(), request.getServerPort());
    }
}
