package dev.sessionauth.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.AuthContext;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.engine.Engine;
import dev.sessionauth.engine.PathGuard;
import dev.sessionauth.engine.EngineFactory;
import dev.sessionauth.engine.Features;
import dev.sessionauth.engine.SessionTransport;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.ConfigSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.Optional;

/**
 * The one filter an app declares: serves the auth API under {@code basePath}, resolves every request's
 * session from its cookie, refuses cross-site unsafe requests, guards protected paths (401 JSON or a redirect
 * to {@code loginPage}) and hands the app a request that knows its user.
 *
 * <p>From {@code web.xml} it reads its settings from init-params, context-params, system properties and the
 * environment; in code, {@code new SessionAuthFilter(SessionAuth.builder()...build())}.
 *
 * <p>Mapped for {@code FORWARD}, {@code INCLUDE} and {@code ERROR} dispatches as well as requests, it also judges
 * where the app and the container dispatch a request after its first pass: a forward, an include, an
 * {@code <error-page>}, and the welcome file Jetty forwards a directory request to.
 */
public final class SessionAuthFilter implements Filter {
    /** The request attribute that tells an {@code errorPage} which refusal it shows, e.g. {@code INVALID_CSRF_TOKEN}. */
    public static final String ERROR_CODE_ATTRIBUTE = "sessionauth.errorCode";
    private static final System.Logger LOG = System.getLogger(SessionAuthFilter.class.getName());
    /**
     * Marks the filter's own forward to {@code errorPage} with a refusal, which shows that page as it is: the
     * refused request has no session context to judge it with (and judging it could refuse the refusal again).
     */
    private static final String ERROR_PAGE_FORWARD = SessionAuthFilter.class.getName() + ".errorPageForward";

    private Engine auth;
    private boolean ownsAuth;
    private SessionCookies cookies;
    private PathRules rules;
    private PathRules verifiedRules;
    private PathRules freshRules;
    private List<GuardedPaths> guards;
    private CsrfGuard csrf;
    private JsonResponses responses;
    private SecurityHeaders securityHeaders;
    private AuthApi api;
    private RequestBodies bodies;
    private String basePath;
    private String contextPath;
    private Optional<String> loginPage;
    private Optional<String> errorPage;

    /** For {@code web.xml}: the settings come from init-params and the other configuration sources. */
    public SessionAuthFilter() {
    }

    /** For code: an instance built and owned by the caller (the filter does not close it). */
    public SessionAuthFilter(SessionAuth auth) {
        this.auth = Engine.of(auth);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        try {
            if (auth == null) {
                auth = EngineFactory.start(readConfig(filterConfig),
                        EngineFactory.Wiring.defaults().atContextPath(filterConfig.getServletContext().getContextPath()));
                ownsAuth = true;
            }
            AuthConfig config = auth.config();
            rules = pathRules(config);
            verifiedRules = patterns("verified", config.verifiedPatterns());
            freshRules = patterns("fresh", config.freshPatterns());
            guards = auth.features().stream().flatMap(f -> f.pathGuards().stream())
                    .map(g -> new GuardedPaths(patterns(g.setting(), g.patterns()), g)).toList();
            loginPage = config.loginPage();
            errorPage = config.errorPage();
            if (loginPage.isPresent()) {
                String login = PathNormalizer.normalize(loginPage.get().split("\\?", 2)[0]);
                if (rules.isProtected(login)) {
                    throw new ConfigException("loginPage: " + loginPage.get() + " is itself protected, so nobody could"
                            + " reach it; add it to the public patterns (public=" + loginPage.get() + ")");
                }
            }
            basePath = config.basePath();
            contextPath = filterConfig.getServletContext().getContextPath();
            cookies = new SessionCookies(config, auth.cookieSigner(), auth.clock(), contextPath,
                    auth.features().stream().flatMap(f -> f.cookies().stream()).collect(Collectors.toSet()));
            csrf = new CsrfGuard(config);
            securityHeaders = new SecurityHeaders(config);
            ObjectMapper mapper = JsonBody.strictMapper();
            responses = new JsonResponses(mapper);
            bodies = new RequestBodies(config.bodyTimeout(), config.maxConcurrentBodies(), config.trustProxy());
            api = new AuthApi(auth, cookies, csrf, mapper, responses, bodies);
            filterConfig.getServletContext().setAttribute(SessionAuth.ATTRIBUTE, auth);
            filterConfig.getServletContext().setAttribute(SessionTransport.ATTRIBUTE, cookies);
        } catch (ConfigException | StoreUnavailableException | AmbiguousPathException e) {
            LOG.log(System.Logger.Level.ERROR, "SessionAuth cannot start: " + e.getMessage());
            destroy();
            throw new ServletException("SessionAuth cannot start: " + e.getMessage(), e);
        }
    }

    private static AuthConfig readConfig(FilterConfig filterConfig) {
        ServletContext context = filterConfig.getServletContext();
        return Features.config(List.of(
                ConfigSource.of("filter init-param", params(Collections.list(filterConfig.getInitParameterNames()),
                        filterConfig::getInitParameter)),
                ConfigSource.contextParams(params(Collections.list(context.getInitParameterNames()),
                        context::getInitParameter)),
                ConfigSource.systemProperties(System.getProperties()),
                ConfigSource.environment(System.getenv())));
    }

    private static Map<String, String> params(List<String> names, java.util.function.Function<String, String> value) {
        Map<String, String> map = new LinkedHashMap<>();
        names.forEach(n -> map.put(n, value.apply(n)));
        return map;
    }

    /** Patterns that demand more than a session (a verified address, a fresh sign-in); they imply protection. */
    private static PathRules patterns(String setting, List<String> patterns) {
        try {
            return PathRules.of(patterns, List.of());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + ": " + e.getMessage());
        }
    }

    private static PathRules pathRules(AuthConfig config) {
        try {
            config.protectedPatterns().forEach(PathPattern::parse);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("protected: " + e.getMessage());
        }
        try {
            config.publicPatterns().forEach(PathPattern::parse);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("public: " + e.getMessage());
        }
        return PathRules.of(config.protectedPatterns(), config.publicPatterns());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            filterDispatch(request, response, chain);
            return;
        }
        if (req.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext) {
            chain.doFilter(req, res);
            return;
        }
        securityHeaders.apply(request, response);
        String uri = request.getRequestURI();
        String named = null;
        String reached;
        try {
            named = RequestPath.named(uri, contextPath);
            reached = RequestPath.reached(named, uri, request.getServletPath(), request.getPathInfo());
        } catch (AmbiguousPathException | IllegalArgumentException e) {
            // IllegalArgumentException: a container may throw it from its path getters for a URI it cannot decode.
            logAmbiguous(request, uri, named, e);
            String reason = e instanceof AmbiguousPathException ? ": " + e.getMessage() : "";
            refusePage(request, response, ErrorCode.INVALID_PATH, "The request path is ambiguous" + reason);
            return;
        }
        request.setAttribute(SessionAuth.ATTRIBUTE, auth);
        request.setAttribute(SessionTransport.ATTRIBUTE, cookies);
        CookieCommit commit = new CookieCommit(request, response, cookies);
        try {
            serve(request, commit, chain, named, reached);
        } finally {
            // An API request reading its body asynchronously commits when its endpoint is done.
            if (!request.isAsyncStarted()) {
                commit.commit();
            }
        }
    }

    private void serve(HttpServletRequest request, CookieCommit response, FilterChain chain, String named,
                       String reached) throws IOException, ServletException {
        boolean isApi = named.startsWith(basePath)
                && (named.length() == basePath.length() || named.charAt(basePath.length()) == '/');
        if (refusedCrossSite(request, response, isApi, isApi ? named.substring(basePath.length()) : "")) {
            return;
        }
        if (isApi) {
            api.handle(request, response, named.substring(basePath.length()));
            return;
        }
        PathDemand demand = demandOf(named, reached);
        Optional<AuthContext> context = resolve(request, response, demand);
        if (context.isEmpty() || refused(request, response, demand, context.get())) {
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, context.get()), response);
    }

    /**
     * Judges a forward, include, error page or async dispatch (when the app maps the filter for them) on the path it
     * names and the resource it reaches, with the session the request already has: the auth API and CSRF were
     * settled on the request's own pass. A request the filter did not see on its way in (the container answered it
     * with an error page first) gets its session resolved here. A refused include includes nothing; any other
     * refused dispatch is answered as the request would have been.
     */
    private void filterDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(ERROR_PAGE_FORWARD) != null) {
            request.removeAttribute(ERROR_PAGE_FORWARD);
            chain.doFilter(request, response);
            return;
        }
        String uri = DispatchTarget.requestUri(request);
        String named = null;
        String reached;
        try {
            named = RequestPath.named(uri, contextPath);
            reached = RequestPath.reached(named, uri, DispatchTarget.servletPath(request),
                    DispatchTarget.pathInfo(request));
        } catch (AmbiguousPathException | IllegalArgumentException e) {
            logAmbiguous(request, uri, named, e);
            if (!answerable(request, response)) {
                return;
            }
            if (request.getDispatcherType() == DispatcherType.ERROR) {
                // Already an error page: another sendError would not show one.
                responses.error(response, ErrorCode.INVALID_PATH, "The request path is ambiguous");
            } else {
                refusePage(request, response, ErrorCode.INVALID_PATH, "The request path is ambiguous");
            }
            return;
        }
        PathDemand demand = demandOf(named, reached);
        boolean seen = request.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext;
        AuthContext context;
        if (seen) {
            context = (AuthContext) request.getAttribute(AuthContext.ATTRIBUTE);
        } else {
            securityHeaders.apply(request, response);
            request.setAttribute(SessionAuth.ATTRIBUTE, auth);
            request.setAttribute(SessionTransport.ATTRIBUTE, cookies);
            context = resolveQuietly(request, response);
        }
        Optional<ErrorCode> unmet = unmet(demand, context);
        if (unmet.isPresent()) {
            if (answerable(request, response)) {
                answerUnmet(request, response, unmet.get(), demand);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> "not including " + LoggedPath.of(reached) + ": "
                        + unmet.get());
            }
            return;
        }
        chain.doFilter(seen ? request : new AuthenticatedRequest(request, context), response);
    }

    /** Whether a refused dispatch can still be answered: not an include, and nothing sent yet. */
    private static boolean answerable(HttpServletRequest request, HttpServletResponse response) {
        return request.getDispatcherType() != DispatcherType.INCLUDE && !response.isCommitted();
    }

    /** The session of a dispatch the filter did not see as a request; a store that is down reads as signed out. */
    private AuthContext resolveQuietly(HttpServletRequest request, HttpServletResponse response) {
        try {
            Resolution resolution = auth.resolve(cookies.presented(request), ResolveMode.PAGE);
            cookies.apply(request, response, resolution.browser());
            request.setAttribute(Engine.RESOLUTION, resolution);
            return auth.contextFor(resolution);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "session store unavailable: " + e.getMessage());
            return auth.storeUnavailable();
        }
    }

    /** A feature's guard with its patterns compiled. */
    private record GuardedPaths(PathRules rules, PathGuard guard) {
    }

    /**
     * What a path asks of its request: protection, and on top of it a verified address, a fresh sign-in or what a
     * feature's guard demands.
     */
    private PathDemand demandOf(String path) {
        boolean verified = verifiedRules.isProtected(path);
        boolean fresh = freshRules.isProtected(path);
        List<PathGuard> guarded = guards.isEmpty() ? List.of()
                : guards.stream().filter(g -> g.rules().isProtected(path)).map(GuardedPaths::guard).toList();
        // A stricter demand wins even over a public pattern: fail closed when the two overlap.
        boolean isProtected = verified || fresh || !guarded.isEmpty()
                || rules.classify(path) == PathRules.Access.PROTECTED;
        return new PathDemand(isProtected, verified, fresh, guarded);
    }

    /**
     * What a request asks for: its named path's demand and, when the container reaches another resource (a welcome
     * file), that one's too. Protected if either is, so neither a protected folder with a public welcome file nor
     * the reverse opens without a session.
     */
    private PathDemand demandOf(String named, String reached) {
        PathDemand demand = demandOf(named);
        return reached == named ? demand : demand.and(demandOf(reached));
    }

    /**
     * Logs a refused path with the two views that disagreed (the path it names, and where the container dispatches
     * it), so that an operator can tell an attack from an ordinary URL of the app that the check does not know.
     */
    private static void logAmbiguous(HttpServletRequest request, String uri, String named, RuntimeException e) {
        LOG.log(System.Logger.Level.INFO, () -> {
            String container;
            try {
                String servletPath = DispatchTarget.servletPath(request);
                String pathInfo = DispatchTarget.pathInfo(request);
                container = LoggedPath.of(Objects.toString(servletPath, "") + Objects.toString(pathInfo, ""))
                        + " (servlet path \"" + LoggedPath.of(Objects.toString(servletPath, "")) + "\", path info "
                        + (pathInfo == null ? "null" : "\"" + LoggedPath.of(pathInfo) + "\"") + ")";
            } catch (IllegalArgumentException unreadable) {
                container = "a path it cannot decode";
            }
            String dispatch = request.getDispatcherType() == DispatcherType.REQUEST ? ""
                    : " (a " + request.getDispatcherType() + " dispatch)";
            String reason = e instanceof AmbiguousPathException ? e.getMessage() : "the container cannot decode it";
            return "refused " + LoggedPath.of(request.getMethod()) + " " + LoggedPath.of(uri) + dispatch
                    + " with 400 INVALID_PATH (" + reason + "): the path it names is "
                    + (named == null ? "none the filter can read" : LoggedPath.of(named))
                    + ", the container's is " + container;
        });
    }

    /**
     * Refuses (and answers) an unsafe request with a session cookie, or a simple form to the API, from an untrusted
     * origin. A cookieless form to an endpoint that takes another site's form post (an identity provider's
     * {@code form_post} callback, which only redirects to itself as a GET) is let through.
     */
    private boolean refusedCrossSite(HttpServletRequest request, HttpServletResponse response, boolean isApi,
                                     String endpoint) throws IOException, ServletException {
        if (!CsrfGuard.isUnsafe(request) || !(cookies.hasSessionCookie(request)
                || (isApi && isSimpleForm(request) && !api.takesCrossSiteForm(endpoint)))) {
            return false;
        }
        Optional<ErrorCode> refusal = csrf.check(request);
        if (refusal.isPresent()) {
            String message = refusal.get() == ErrorCode.MISSING_OR_NULL_ORIGIN
                    ? "This request needs an Origin or Referer header from a trusted origin"
                    : "The request's origin is not trusted; set baseURL or trustedOrigins if it should be";
            if (isApi) {
                responses.error(response, refusal.get(), message);
            } else {
                refusePage(request, response, refusal.get(), message);
            }
        }
        return refusal.isPresent();
    }

    /**
     * The request's context, with the browser told what the engine decided (refreshed, cleared or cached cookies).
     * When the store is down a protected path is answered 503 here (empty); an open one goes on signed out.
     */
    private Optional<AuthContext> resolve(HttpServletRequest request, HttpServletResponse response, PathDemand demand)
            throws IOException, ServletException {
        try {
            // A request that changes state is answered for one session or none: never for whichever came first.
            Resolution resolution = auth.resolve(cookies.presented(request), CsrfGuard.isUnsafe(request)
                    ? ResolveMode.PAGE.requireOneSession() : ResolveMode.PAGE);
            cookies.apply(request, response, resolution.browser());
            request.setAttribute(Engine.RESOLUTION, resolution);
            return Optional.of(auth.contextFor(resolution));
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "session store unavailable: " + e.getMessage());
            if (demand.isProtected()) {
                refusePage(request, response, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.defaultMessage());
                return Optional.empty();
            }
            return Optional.of(auth.storeUnavailable());
        }
    }

    /** Refuses (and answers) a request that does not meet its path's demand or posts a form without the CSRF token. */
    private boolean refused(HttpServletRequest request, HttpServletResponse response, PathDemand demand,
                            AuthContext context) throws IOException, ServletException {
        Optional<ErrorCode> unmet = context.getFailure() == ErrorCode.CONFLICTING_SESSIONS
                ? Optional.of(ErrorCode.CONFLICTING_SESSIONS) : unmet(demand, context);
        if (unmet.isPresent()) {
            answerUnmet(request, response, unmet.get(), demand);
        } else if (context.isSignedIn() && CsrfGuard.isUnsafe(request) && isForm(request)
                && !hasFormToken(request, response, context)) {
            if (!response.isCommitted()) {
                refusePage(request, response, ErrorCode.INVALID_CSRF_TOKEN, "This form needs the session's CSRF token:"
                        + " render <auth:csrfInput/> inside it, or send the X-CSRF-Token header");
            }
        } else {
            return false;
        }
        return true;
    }

    /** What the request lacks of its path's demand: a session, a verified address or a fresh sign-in; else empty. */
    private Optional<ErrorCode> unmet(PathDemand demand, AuthContext context) {
        if (!demand.isProtected()) {
            return Optional.empty();
        }
        if (!context.isSignedIn()) {
            return Optional.of(context.getFailure());
        }
        if (demand.verified() && !context.getUser().isEmailVerified()) {
            return Optional.of(ErrorCode.EMAIL_NOT_VERIFIED);
        }
        if (demand.fresh() && !auth.isFresh(context.getSession())) {
            return Optional.of(ErrorCode.SESSION_NOT_FRESH);
        }
        for (PathGuard guard : demand.guards()) {
            if (!guard.met().test(context.getUser())) {
                return Optional.of(guard.refusal());
            }
        }
        return Optional.empty();
    }

    private void answerUnmet(HttpServletRequest request, HttpServletResponse response, ErrorCode code,
                             PathDemand demand) throws IOException, ServletException {
        Optional<PathGuard> guard = demand.guards().stream().filter(g -> g.refusal() == code).findFirst();
        if (guard.isPresent()) {
            // Signed in, but short of what a feature demands: a browser goes to the page that meets it, if any.
            if (guard.get().page().isPresent() && wantsHtml(request)) {
                sendTo(request, response, guard.get().page().get(), "");
            } else {
                responses.error(response, code);
            }
            return;
        }
        switch (code) {
            case EMAIL_NOT_VERIFIED ->
                    responses.error(response, code, "Please verify your e-mail address to open this page");
            // Only a dispatch gets here with the store down (a request was answered when it was resolved).
            case SERVICE_UNAVAILABLE -> responses.error(response, code);
            // Two live sessions on a change: answered for neither, and not a reason to sign in again.
            case CONFLICTING_SESSIONS -> refusePage(request, response, code, code.defaultMessage());
            // A recent sign-in (SESSION_NOT_FRESH) or any sign-in is what is missing: a browser goes to the login
            // page to give one.
            default -> deny(request, response, code);
        }
    }

    /**
     * Whether a form posted to the app's own page carries the session's CSRF token. Reading it makes the container
     * read the form's body, which counts as one of the address's bodies being read; past the cap the request is
     * refused here with 429 (and false).
     */
    private boolean hasFormToken(HttpServletRequest request, HttpServletResponse response, AuthContext context)
            throws IOException, ServletException {
        try {
            return bodies.whileReading(request, () -> csrf.hasFormToken(request, context.getCsrfToken()));
        } catch (dev.sessionauth.AuthException refused) {
            response.setHeader("Connection", "close");
            response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            refusePage(request, response, refused.code(), refused.getMessage());
            return false;
        }
    }

    /** HTML form posts, which must carry the session's CSRF token when they reach the app's own pages. */
    private static boolean isForm(HttpServletRequest request) {
        // The header, not getContentType(): Jetty's parses the charset and throws on a bad one (a 500 with its
        // exception's name in the error page).
        String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    /** Content types a cross-site page can post without a CORS preflight. */
    private static boolean isSimpleForm(HttpServletRequest request) {
        String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")
                || type.startsWith("text/plain");
    }

    private void deny(HttpServletRequest request, HttpServletResponse response, ErrorCode code) throws IOException {
        if (loginPage.isPresent() && wantsHtml(request)) {
            sendTo(request, response, loginPage.get(),
                    code == ErrorCode.SESSION_NOT_FRESH ? "&reason=" + code.name() : "");
            return;
        }
        responses.error(response, code);
    }

    /** Sends a browser to the app's {@code page}, with {@code ?redirect=} back to what it asked for. */
    private static void sendTo(HttpServletRequest request, HttpServletResponse response, String page, String more) {
        // A dispatch's own URI is its target's: afterwards, the browser asks again for what it asked for.
        String original = DispatchTarget.original(request);
        String target = request.getContextPath() + page;
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(302);
        response.setHeader("Location", target + (target.contains("?") ? "&" : "?") + "redirect="
                + URLEncoder.encode(original, StandardCharsets.UTF_8) + more);
    }

    /**
     * Answers a refusal of one of the app's own pages (store down, CSRF). A browser navigation gets an HTML page: the
     * {@code errorPage} when set (forwarded to, with the servlet error attributes and {@link #ERROR_CODE_ATTRIBUTE}),
     * else the container's or app's error page through {@code sendError}. Scripts and API clients get the JSON
     * error, as the API always answers.
     */
    private void refusePage(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException, ServletException {
        if (!prefersHtml(request)) {
            responses.error(response, code, message);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (errorPage.isPresent()) {
            request.setAttribute(ERROR_PAGE_FORWARD, Boolean.TRUE);
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, code.status());
            request.setAttribute(RequestDispatcher.ERROR_MESSAGE, message);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            request.setAttribute(ERROR_CODE_ATTRIBUTE, code.name());
            response.setStatus(code.status());
            try {
                request.getRequestDispatcher(errorPage.get()).forward(request, response);
            } finally {
                // Left behind when the filter is not mapped for forwards, it would wave a later dispatch through.
                request.removeAttribute(ERROR_PAGE_FORWARD);
            }
            return;
        }
        response.sendError(code.status(), message);
    }

    /**
     * Whether the client prefers HTML to JSON, as a browser navigation does ({@code text/html,…,*}{@code /*;q=0.8}):
     * {@code text/html} listed with a weight above zero and above that of {@code application/json}. A script's
     * {@code fetch} ({@code *}{@code /*}) or a JSON client does not.
     */
    static boolean prefersHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html > json;
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String method = request.getMethod();
        String accept = request.getHeader("Accept");
        return (method.equals("GET") || method.equals("HEAD")) && accept != null && accept.contains("text/html");
    }

    @Override
    public void destroy() {
        if (bodies != null) {
            bodies.close();
            bodies = null;
        }
        if (ownsAuth && auth != null) {
            auth.close();
            auth = null;
            ownsAuth = false;
        }
    }
}
