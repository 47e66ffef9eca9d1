package dev.sessionauth.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.engine.Engine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The steps every endpoint of the HTTP API shares: reading the request's tokens and the caller's session, telling
 * the browser what the engine decided, checking callback URLs, and writing JSON answers and redirects.
 */
public final class ApiExchange {
    public static final Set<String> NO_FIELDS = Set.of();

    private final Engine auth;
    private final SessionCookies cookies;
    private final CsrfGuard csrf;
    private final ObjectMapper mapper;
    private final ApiJson json;
    private final JsonResponses responses;

    ApiExchange(Engine auth, SessionCookies cookies, CsrfGuard csrf, ObjectMapper mapper,
                JsonResponses responses) {
        this.auth = auth;
        this.cookies = cookies;
        this.csrf = csrf;
        this.mapper = mapper;
        this.json = new ApiJson(mapper);
        this.responses = responses;
    }

    public Engine auth() {
        return auth;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ApiJson json() {
        return json;
    }

    /** The request's body as JSON or, where {@code formAllowed}, an urlencoded form. */
    public JsonBody body(HttpServletRequest request, boolean formAllowed) throws IOException {
        return JsonBody.read(request, mapper, formAllowed);
    }

    /** The session tokens the request presents. */
    public Presented presented(HttpServletRequest request) {
        return cookies.presented(request);
    }

    /** The caller as the engine wants it: client address and agent, presented tokens, where it reached the app. */
    public Caller caller(HttpServletRequest request) {
        return cookies.caller(request);
    }

    /** Tells the browser what the engine decided about its cookies. */
    public void apply(HttpServletRequest request, HttpServletResponse response, BrowserUpdate update) {
        cookies.apply(request, response, update);
    }

    /**
     * The caller's live session (refreshed when due), or the 401 that fits why there is none. Always read from
     * the store, never from the jwt strategy's cookie: the endpoints that ask change or list sessions.
     */
    public Resolution requireSession(HttpServletRequest request, HttpServletResponse response) {
        Resolution r = auth.resolve(cookies.presented(request), ResolveMode.STORE.requireOneSession());
        cookies.apply(request, response, r.browser());
        if (!r.isValid()) {
            throw new AuthException(r.failure());
        }
        return r;
    }

    /** Answers 200 with {@code body}. */
    public void write(HttpServletResponse response, JsonNode body) throws IOException {
        responses.write(response, 200, body);
    }

    /** Answers 200 with JSON already written as bytes. */
    void write(HttpServletResponse response, byte[] json) throws IOException {
        responses.write(response, 200, json);
    }

    /** Better Auth's {@code {"status": true}}. */
    public void status(HttpServletResponse response) throws IOException {
        ObjectNode out = json.object();
        out.put("status", true);
        responses.write(response, 200, out);
    }

    /**
     * Answers a sign-in as Better Auth does, whichever way in it took: a session ({@code token}, {@code user},
     * {@code redirect} and {@code url} when a callback was named), a second step ({@code twoFactorRedirect} and
     * {@code twoFactorMethods}), or a redirect ({@code url}, {@code redirect: true}). A plain HTML form goes on
     * instead: to {@code callback}, to the second step's page, to the redirect's URL.
     */
    public void answerSignIn(HttpServletRequest request, HttpServletResponse response, JsonBody body,
                      Optional<String> callback, SignInOutcome outcome) throws IOException {
        apply(request, response, outcome.browser());
        ObjectNode out = json.object();
        if (outcome instanceof SignInOutcome.Issued issued) {
            if (body.isForm() && callback.isPresent()) {
                redirect(response, callback.get());
                return;
            }
            out.put("redirect", callback.isPresent());
            out.put("token", issued.signedIn().token());
            callback.ifPresent(url -> out.put("url", url));
            out.set("user", json.user(issued.signedIn().user()));
        } else if (outcome instanceof SignInOutcome.SecondStep step) {
            if (body.isForm() && step.page().isPresent()) {
                redirect(response, secondStepPage(step.page().get(), request, callback));
                return;
            }
            out.put("twoFactorRedirect", true);
            out.set("twoFactorMethods", mapper.valueToTree(step.methods()));
        } else if (outcome instanceof SignInOutcome.Redirect away) {
            if (body.isForm()) {
                redirect(response, away.url());
                return;
            }
            out.put("url", away.url());
            out.put("redirect", true);
        }
        write(response, out);
    }

    /**
     * Renders a sign-in the browser reached by a redirect (an identity provider's callback) as Better Auth does: no
     * JSON, only where the browser goes next, never a session unless one was issued. A session: its cookie and a 302
     * to {@code callback}. A second step: its pending cookie and a 302 to the step's page with {@code callbackURL}
     * carried, or, when the step names no page, to {@code errorTarget} with {@code error=}{@value #SECOND_STEP_REQUIRED}
     * (the pending cookie stays, so a page there can still finish the step through the API). A redirect: to its URL.
     *
     * @param callback    where the browser goes once signed in, as the sign-in was asked for (a checked URL)
     * @param errorTarget where the browser goes when the sign-in cannot end here (a checked URL)
     */
    public void redirectSignIn(HttpServletRequest request, HttpServletResponse response, SignInOutcome outcome,
                               String callback, String errorTarget) {
        apply(request, response, outcome.browser());
        if (outcome instanceof SignInOutcome.Issued) {
            redirect(response, callback);
        } else if (outcome instanceof SignInOutcome.SecondStep step) {
            redirect(response, step.page().map(page -> secondStepPage(page, request, Optional.of(callback)))
                    .orElseGet(() -> withError(errorTarget, SECOND_STEP_REQUIRED)));
        } else if (outcome instanceof SignInOutcome.Redirect away) {
            redirect(response, away.url());
        }
    }

    /** The {@code error=} a redirected sign-in gets when a second step is needed and no page was named for it. */
    public static final String SECOND_STEP_REQUIRED = "second_step_required";

    private static String secondStepPage(String page, HttpServletRequest request, Optional<String> callback) {
        String inApp = inContext(page, request.getContextPath());
        return callback.map(url -> inApp + (inApp.contains("?") ? "&" : "?") + "callbackURL="
                + URLEncoder.encode(url, StandardCharsets.UTF_8)).orElse(inApp);
    }

    /**
     * Refuses a request that names an {@code Origin} the app does not trust, whatever its method (a safe one
     * included): for endpoints whose answer only some users may read. A request without the header (same-origin
     * GETs, non-browser clients) passes; the CSRF check of unsafe requests is the filter's.
     */
    public void refuseForeignOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (csrf.isEnabled() && origin != null && !origin.isBlank() && (origin.trim().equals("null") || !csrf.isTrustedUrl(origin.trim(), request))) {
            throw new AuthException(ErrorCode.INVALID_ORIGIN, "The request's origin is not trusted");
        }
    }

    /** A callback URL from the body, refused unless it is a path in this app or on a trusted origin. */
    public Optional<String> callbackUrl(JsonBody body, HttpServletRequest request, String field) {
        return trusted(body.optionalString(field), request, field);
    }

    /** A callback URL from the query, refused unless it is a path in this app or on a trusted origin. */
    public Optional<String> callbackUrl(UrlEncoded query, HttpServletRequest request, String field) {
        return trusted(query.single(field), request, field);
    }

    /**
     * A trusted callback URL, with a path made relative to the app's context path as {@code loginPage} and the
     * patterns are ({@code /account} under {@code /myapp} is {@code /myapp/account}); absolute URLs stay as given.
     */
    private Optional<String> trusted(Optional<String> value, HttpServletRequest request, String field) {
        Optional<String> url = value.map(String::trim).filter(s -> !s.isEmpty());
        if (url.isPresent() && !csrf.isTrustedUrl(url.get(), request)) {
            throw new AuthException(ErrorCode.INVALID_ORIGIN, field + " must be a path in this app or a trusted origin");
        }
        return url.map(u -> u.startsWith("/") ? inContext(u, request.getContextPath()) : u);
    }

    /**
     * {@code path} under {@code contextPath}. A path already inside the context is kept: the {@code redirect}
     * parameter the filter gives the login page is the original request URI, context path included, and login
     * forms pass it on as their callbackURL; a link built from such a callback (verification mail) is resolved again.
     */
    public static String inContext(String path, String contextPath) {
        if (contextPath.isEmpty() || contextPath.equals("/")) {
            return path;
        }
        boolean inside = path.startsWith(contextPath) && (path.length() == contextPath.length()
                || "/?#".indexOf(path.charAt(contextPath.length())) >= 0);
        return inside ? path : contextPath + path;
    }

    /** The names a body may carry: {@code base} and the declared user fields. */
    public Set<String> withUserFields(Set<String> base) {
        Set<String> names = new HashSet<>(base);
        auth.config().userFields().forEach(f -> names.add(f.name()));
        return names;
    }

    /** Work an endpoint does once its body is read; it answers the request itself. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    /**
     * Runs {@code work}; when it fails and the body is a form that names an {@code errorCallbackURL}, the browser
     * goes back there with {@code ?error=CODE} (with {@code Retry-After} when throttled); else the failure goes on to
     * be answered as JSON.
     */
    public static void backToFormOnError(JsonBody body, Optional<String> errorCallback, HttpServletResponse response,
                                  Work work) throws IOException {
        try {
            work.run();
        } catch (AuthException e) {
            redirectOnFormError(body, errorCallback, e, response);
        }
    }

    /** Answers success: a form that names a {@code callbackURL} goes there, anything else gets {@code json}. */
    public void succeed(JsonBody body, Optional<String> callback, HttpServletResponse response, JsonNode json)
            throws IOException {
        if (body.isForm() && callback.isPresent()) {
            redirect(response, callback.get());
        } else {
            write(response, json);
        }
    }

    /**
     * A form post made with a session must carry that session's CSRF token ({@code _csrf}, or the
     * {@code X-CSRF-Token} header), as a form to the app's own pages must: the Origin check alone trusts whatever
     * the browser reports.
     */
    public void checkFormToken(JsonBody body, HttpServletRequest request, Resolution session) {
        if (!body.isForm() || !session.isValid()) {
            return;
        }
        Optional<String> presented = Optional.ofNullable(request.getHeader(CsrfGuard.TOKEN_HEADER))
                .or(() -> body.optionalString(CsrfGuard.TOKEN_FIELD));
        if (!csrf.matches(presented, auth.contextFor(session).getCsrfToken())) {
            throw new AuthException(ErrorCode.INVALID_CSRF_TOKEN, "This form needs the session's CSRF token: render"
                    + " <auth:csrfInput/> inside it, or send the X-CSRF-Token header");
        }
    }

    /** The names a body may carry: {@code base} and the fields of an HTML form (its CSRF token and callbacks). */
    public static Set<String> withFormFields(Set<String> base) {
        Set<String> names = new HashSet<>(base);
        names.addAll(Set.of("callbackURL", "errorCallbackURL", CsrfGuard.TOKEN_FIELD));
        return names;
    }

    /**
     * A form post that fails goes back to the page that can show the error, when it named one (with
     * {@code Retry-After} when throttled); else the failure goes on to be answered as JSON.
     */
    public static void redirectOnFormError(JsonBody body, Optional<String> errorCallback, AuthException e,
                                    HttpServletResponse response) {
        if (!body.isForm() || errorCallback.isEmpty()) {
            throw e;
        }
        e.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds())));
        redirect(response, withError(errorCallback.get(), e.code()));
    }

    /** {@code url} with {@code error=<code>} added to its query. */
    public static String withError(String url, ErrorCode code) {
        return withError(url, code.name());
    }

    /** {@code url} with {@code error=<code>} added to its query (Better Auth's lower-case callback codes). */
    public static String withError(String url, String code) {
        return url + (url.contains("?") ? "&" : "?") + "error=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    public static void redirect(HttpServletResponse response, String location) {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(302);
        response.setHeader("Location", location);
    }

    /** Where this request reached the app, for mailed links when {@code baseURL} is not set. */
    public static LinkBase linkBase(HttpServletRequest request) {
        return new LinkBase(CsrfGuard.requestOrigin(request), request.getContextPath());
    }

    /** A {@code true}/{@code false} query parameter, read strictly (see {@link UrlEncoded}); absent is false. */
    public static boolean flag(UrlEncoded query, String name) {
        String value = query.single(name).orElse(null);
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be true or false");
    }

    public ClientInfo clientInfo(HttpServletRequest request) {
        return cookies.caller(request).client();
    }
}
