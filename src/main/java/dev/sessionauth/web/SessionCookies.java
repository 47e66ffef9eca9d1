package dev.sessionauth.web;

import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.Session;
import dev.sessionauth.engine.SessionTransport;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.CookieSigner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * How a session travels: the names and attributes of SessionAuth's cookies, reading the presented tokens from a
 * request (signed cookie or {@code Authorization: Bearer}) and writing or expiring the cookies as the engine's
 * {@link BrowserUpdate} says.
 */
public final class SessionCookies implements SessionTransport {
    private static final String SECURE_PREFIX = "__Secure-";
    private static final String HOST_PREFIX = "__Host-";
    private static final String BEARER = "Bearer ";
    private static final int MAX_CANDIDATES = 3;

    private final AuthConfig config;
    private final CookieSigner signer;
    private final Clock clock;
    private final String tokenName;
    private final String dataName;
    private final String dontRememberName;
    private final String path;
    /**
     * {@code __Host-} when the cookies live at {@code /} (no domain is ever set): a sibling subdomain can neither set
     * nor toss in such a cookie. {@code __Secure-} under a narrower path, where {@code __Host-} is not allowed.
     */
    private final String securePrefix;
    private final List<String> allNames;
    private final List<String> clearPlain;
    private final List<String> clearSecure;
    /** Each feature cookie's short name with its full name, without and with the secure prefix: built once. */
    private final Map<String, String> featureNames;
    private final Map<String, String> secureFeatureNames;

    /** Cookies for this configuration, signed with the engine's signer, on {@code cookie.path} or else {@code /}. */
    public SessionCookies(AuthConfig config, CookieSigner signer, Clock clock) {
        this(config, signer, clock, "");
    }

    /**
     * Cookies for an app at {@code contextPath} ({@code ""} for the root app): their {@code Path} is
     * {@code cookie.path}, else the context path, so two apps on one host never overwrite or clear each other's
     * cookies (browsers do not separate cookies by port).
     */
    public SessionCookies(AuthConfig config, CookieSigner signer, Clock clock, String contextPath) {
        this(config, signer, clock, contextPath, Set.of());
    }

    /** The same, also reading the cookies the ways in declare ({@code featureCookies}, names after the prefix). */
    public SessionCookies(AuthConfig config, CookieSigner signer, Clock clock, String contextPath,
                          Set<String> featureCookies) {
        this.config = config;
        this.path = config.cookiePath().orElseGet(() -> pathOf(contextPath));
        this.securePrefix = path.equals("/") ? HOST_PREFIX : SECURE_PREFIX;
        this.clock = clock;
        this.signer = signer;
        this.tokenName = config.cookiePrefix() + ".session_token";
        this.dataName = config.cookiePrefix() + ".session_data";
        this.dontRememberName = config.cookiePrefix() + ".dont_remember";
        this.allNames = List.of(tokenName, dataName, dontRememberName);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secure = new LinkedHashMap<>();
        for (String name : Set.copyOf(featureCookies)) {
            plain.put(name, config.cookiePrefix() + "." + name);
            secure.put(name, securePrefix + config.cookiePrefix() + "." + name);
        }
        this.featureNames = Collections.unmodifiableMap(plain);
        this.secureFeatureNames = Collections.unmodifiableMap(secure);
        // Every refused cookie (forged, expired, revoked) is answered with these: built once.
        this.clearPlain = clearHeaders(false);
        this.clearSecure = clearHeaders(true);
    }

    /** The {@code Path} of every cookie this writes or clears. */
    public String path() {
        return path;
    }

    /** The context path as a cookie {@code Path}: as the browser sends it (percent-encoded), {@code /} for root. */
    static String pathOf(String contextPath) {
        if (contextPath.isEmpty() || contextPath.equals("/")) {
            return "/";
        }
        StringBuilder p = new StringBuilder(contextPath.length() + 8);
        for (byte b : contextPath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~!$&'()*+=:@".indexOf(c) >= 0)) {
                p.append(c);
            } else {
                p.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return p.toString();
    }

    /** Whether cookies on this request get {@code Secure} and the {@code __Host-} (or {@code __Secure-}) prefix. */
    public boolean secure(HttpServletRequest request) {
        return switch (config.secureCookies()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> request.isSecure() || config.baseUrl().filter(u -> u.startsWith("https:")).isPresent();
        };
    }

    /** The session cookie's name on this request. */
    public String tokenCookieName(HttpServletRequest request) {
        return (secure(request) ? securePrefix : "") + tokenName;
    }

    /** Whether the request carries a session cookie (the trigger for the CSRF origin check). */
    public boolean hasSessionCookie(HttpServletRequest request) {
        return has(request, tokenName) || has(request, SECURE_PREFIX + tokenName)
                || has(request, HOST_PREFIX + tokenName);
    }

    /**
     * The request's tokens, to be tried in order: every session cookie whose signature verifies (a well-signed but
     * dead cookie planted by a sibling domain must not shadow the live one), else the first session cookie (as an
     * invalid candidate), else a bearer token. At most {@value #MAX_CANDIDATES}, to bound the work. Each signature
     * is checked here, once per request.
     */
    @Override
    public Caller caller(HttpServletRequest request) {
        return Caller.client(new ClientInfo(Optional.ofNullable(ClientAddress.of(request, config.trustProxy())),
                Optional.ofNullable(request.getHeader("User-Agent"))), presented(request),
                new LinkBase(CsrfGuard.requestOrigin(request), request.getContextPath()));
    }

    @Override
    public Presented presented(HttpServletRequest request) {
        return new Presented(candidates(request), sessionData(request), featureValues(request));
    }

    private Map<String, String> featureValues(HttpServletRequest request) {
        if (featureNames.isEmpty() || request.getHeader("Cookie") == null) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> name : (secure(request) ? secureFeatureNames : featureNames).entrySet()) {
            List<String> found = CookieHeader.values(request, name.getValue(), 1);
            if (!found.isEmpty()) {
                values.put(name.getKey(), found.get(0));
            }
        }
        return values;
    }

    private List<Presented.Candidate> candidates(HttpServletRequest request) {
        List<String> values = CookieHeader.values(request, tokenCookieName(request), Integer.MAX_VALUE);
        if (!values.isEmpty()) {
            List<Presented.Candidate> verified = new ArrayList<>(1);
            for (String value : values) {
                Optional<String> token = signer.verify(value);
                if (token.isPresent()) {
                    verified.add(new Presented.Candidate(token, Presented.Source.COOKIE));
                    if (verified.size() == MAX_CANDIDATES) {
                        break;
                    }
                }
            }
            return verified.isEmpty()
                    ? List.of(new Presented.Candidate(Optional.empty(), Presented.Source.COOKIE))
                    : verified;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String value = authorization.substring(BEARER.length()).trim();
            // Bearer clients may send the signed cookie value or the raw token from the sign-in body.
            Optional<String> token = value.indexOf('.') >= 0 ? signer.verify(value) : Optional.of(value);
            return List.of(new Presented.Candidate(token, Presented.Source.BEARER));
        }
        return List.of();
    }

    /**
     * Tells the browser what the engine decided: sets, clears or keeps the session cookie, then attaches the jwt
     * strategy's cache. Inside the filter the decision joins the request's {@link CookieCommit}, which writes every
     * decision of the request once; {@link #write} is the one place that writes SessionAuth's cookies.
     */
    @Override
    public void apply(HttpServletRequest request, HttpServletResponse response, BrowserUpdate update) {
        CookieCommit commit = CookieCommit.of(response);
        if (commit != null) {
            commit.add(update);
        } else {
            write(request, response, update);
        }
    }

    /** Writes {@code update}'s cookies now: the commit point's own call, or a response the filter did not wrap. */
    void write(HttpServletRequest request, HttpServletResponse response, BrowserUpdate update) {
        switch (update.tokenCookie()) {
            case SET -> {
                BrowserUpdate.IssuedToken issued = update.token().orElseThrow();
                set(request, response, issued.token(), issued.session());
            }
            case CLEAR -> clear(request, response);
            case KEEP -> { }
        }
        update.cache().ifPresent(c -> setSessionData(request, response, c.jwt(), c.expiresAt(), c.browserSession()));
        update.features().values().forEach(c -> response.addHeader("Set-Cookie", header(request,
                prefixed(request, config.cookiePrefix() + "." + c.name()), c.value().orElse(""), c.maxAge())));
    }

    /**
     * Sets (or re-sets after a refresh) the session cookie. A browser session ({@code rememberMe:false}) gets no
     * {@code Max-Age}, plus the signed {@code dont_remember} marker that Better Auth's clients look for.
     */
    private void set(HttpServletRequest request, HttpServletResponse response, String token, Session session) {
        Optional<Duration> maxAge = session.isRemember()
                ? Optional.of(Duration.between(clock.instant(), session.getExpiresAt()))
                : Optional.empty();
        response.addHeader("Set-Cookie", header(request, tokenCookieName(request), signer.sign(token), maxAge));
        String marker = prefixed(request, dontRememberName);
        if (!session.isRemember()) {
            response.addHeader("Set-Cookie", header(request, marker, signer.sign("true"), Optional.empty()));
        } else if (has(request, marker)) {
            response.addHeader("Set-Cookie", header(request, marker, "", Optional.of(Duration.ZERO)));
        }
    }

    private static boolean has(HttpServletRequest request, String name) {
        return !CookieHeader.values(request, name, 1).isEmpty();
    }

    /** The {@code session_data} cookie (the jwt strategy's signed cache), if the request has one. */
    private Optional<String> sessionData(HttpServletRequest request) {
        List<String> values = CookieHeader.values(request, prefixed(request, dataName), 1);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Sets the {@code session_data} cookie to a signed JWT that lives until {@code expiresAt}. */
    private void setSessionData(HttpServletRequest request, HttpServletResponse response, String jwt, Instant expiresAt,
                                boolean browserSession) {
        Optional<Duration> maxAge = browserSession ? Optional.empty()
                : Optional.of(Duration.between(clock.instant(), expiresAt));
        response.addHeader("Set-Cookie", header(request, prefixed(request, dataName), jwt, maxAge));
    }

    private String prefixed(HttpServletRequest request, String name) {
        return (secure(request) ? securePrefix : "") + name;
    }

    /** Expires every SessionAuth cookie in the browser. */
    private void clear(HttpServletRequest request, HttpServletResponse response) {
        for (String header : secure(request) ? clearSecure : clearPlain) {
            response.addHeader("Set-Cookie", header);
        }
    }

    private List<String> clearHeaders(boolean secure) {
        String prefix = secure ? securePrefix : "";
        return allNames.stream().map(name -> header(secure, prefix + name, "", Optional.of(Duration.ZERO))).toList();
    }

    private String header(HttpServletRequest request, String name, String value, Optional<Duration> maxAge) {
        return header(secure(request), name, value, maxAge);
    }

    private String header(boolean secure, String name, String value, Optional<Duration> maxAge) {
        StringBuilder h = new StringBuilder(160).append(name).append('=').append(value).append("; Path=").append(path);
        // Rounded up: a cookie that outlives its row by under a second is harmless, one that dies early is not.
        maxAge.ifPresent(age -> h.append("; Max-Age=").append(Math.max(0, age.getSeconds() + (age.getNano() > 0 ? 1 : 0))));
        h.append("; HttpOnly; SameSite=").append(config.sameSite().attribute());
        if (secure) {
            h.append("; Secure");
        }
        return h.toString();
    }
}
