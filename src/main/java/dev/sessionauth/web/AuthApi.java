package dev.sessionauth.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.BrowserUpdate;
import dev.sessionauth.Caller;
import dev.sessionauth.ClientInfo;
import dev.sessionauth.EmailVerified;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.LinkBase;
import dev.sessionauth.ProfileChange;
import dev.sessionauth.ResolveMode;
import dev.sessionauth.Resolution;
import dev.sessionauth.Session;
import dev.sessionauth.ServiceUnavailableException;
import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.SignIn;
import dev.sessionauth.SignUp;
import dev.sessionauth.SignUpResult;
import dev.sessionauth.SignedIn;
import dev.sessionauth.User;
import dev.sessionauth.Writer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP API under {@code basePath}, speaking Better Auth's wire protocol: sign-up, sign-in, sign-out,
 * get-session, listing and revoking sessions, updating the user, refreshing the session. Throttled (DESIGN.md
 * section 6): every request first passes the per-address {@link RateLimiter}; sign-in and sign-up queue for
 * password hashing in {@link HashingQueue}; sign-in is limited per account by {@link SignInThrottle}.
 */
final class AuthApi {
    private static final System.Logger LOG = System.getLogger(AuthApi.class.getName());
    private static final Set<String> NO_FIELDS = Set.of();
    /** The endpoints that take HTML forms, whose failures go back to the form's {@code errorCallbackURL}. */
    private static final Set<String> FORM_ENDPOINTS = Set.of("/sign-up/email", "/sign-in/email");

    /** One endpoint: its HTTP method and what it does. */
    private record Endpoint(String method, Handler handler) {
        /** An endpoint that reads no query parameters (the query is still checked, once, for every endpoint). */
        static Endpoint of(String method, BodyHandler handler) {
            return new Endpoint(method, (request, response, query) -> handler.handle(request, response));
        }
    }

    /** Answers a request; {@code query} is the request's query string, already decoded strictly. */
    @FunctionalInterface
    private interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response, UrlEncoded query) throws IOException;
    }

    @FunctionalInterface
    private interface BodyHandler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final SessionAuth auth;
    private final SessionCookies cookies;
    private final CsrfGuard csrf;
    private final ObjectMapper mapper;
    private final ApiJson json;
    private final JsonResponses responses;
    private final Map<String, Endpoint> endpoints;
    private final RateLimiter addresses;
    private final HashingQueue hashing;
    private final SignInThrottle signIns;

    AuthApi(SessionAuth auth, SessionCookies cookies, CsrfGuard csrf, ObjectMapper mapper, JsonResponses responses) {
        this.auth = auth;
        this.cookies = cookies;
        this.csrf = csrf;
        this.mapper = mapper;
        this.json = new ApiJson(mapper);
        this.responses = responses;
        this.addresses = new RateLimiter(auth.config(), auth.clock());
        this.hashing = new HashingQueue(auth.config().maxConcurrentHashes(), auth.config().hashQueueTimeout());
        this.signIns = new SignInThrottle(auth.config(), auth.accountLocks(), hashing);
        this.endpoints = Map.ofEntries(
                Map.entry("/sign-up/email", Endpoint.of("POST", this::signUp)),
                Map.entry("/sign-in/email", Endpoint.of("POST", this::signIn)),
                Map.entry("/sign-out", Endpoint.of("POST", this::signOut)),
                Map.entry("/get-session", new Endpoint("GET", this::getSession)),
                Map.entry("/list-sessions", Endpoint.of("GET", this::listSessions)),
                Map.entry("/revoke-session", Endpoint.of("POST", this::revokeSession)),
                Map.entry("/revoke-other-sessions", Endpoint.of("POST", this::revokeOtherSessions)),
                Map.entry("/revoke-sessions", Endpoint.of("POST", this::revokeSessions)),
                Map.entry("/update-user", Endpoint.of("POST", this::updateUser)),
                Map.entry("/update-session", Endpoint.of("POST", this::updateSession)),
                Map.entry("/refresh-session", Endpoint.of("POST", this::refreshSession)),
                Map.entry("/send-verification-email", Endpoint.of("POST", this::sendVerificationEmail)),
                Map.entry("/verify-email", new Endpoint("GET", this::verifyEmail)));
    }

    /** Answers one API request; {@code endpoint} is the normalized path below {@code basePath}. */
    void handle(HttpServletRequest request, HttpServletResponse response, String endpoint) throws IOException {
        try {
            // Unknown endpoints and wrong methods count too: probing is traffic like any other.
            Optional<Duration> wait = addresses.admit(ClientAddress.of(request, auth.config().trustProxy()), endpoint);
            if (wait.isPresent()) {
                throw new TooManyRequestsException("Too many requests from your address; try again later", wait.get());
            }
            Endpoint e = endpoints.get(endpoint);
            if (e == null) {
                throw new AuthException(ErrorCode.NOT_FOUND, "No endpoint " + auth.config().basePath() + endpoint);
            }
            String method = request.getMethod();
            if (!e.method().equals(method) && !(method.equals("HEAD") && e.method().equals("GET"))) {
                response.setHeader("Allow", e.method());
                throw new AuthException(ErrorCode.METHOD_NOT_ALLOWED, "Use " + e.method() + " for " + endpoint);
            }
            // A malformed query is refused on every endpoint, not only on those that read it: the answer to a broken
            // request must not depend on which parameters the endpoint happens to look at. Decoded once, here.
            e.handler().handle(request, response, UrlEncoded.query(request));
        } catch (TooManyRequestsException e) {
            refuseUnread(request, response, endpoint, e);
        } catch (AuthException e) {
            responses.error(response, e.code(), e.getMessage());
        } catch (ServiceUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "session store unavailable: " + e.getMessage());
            responses.error(response, ErrorCode.SERVICE_UNAVAILABLE);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure in " + endpoint, e);
            responses.error(response, ErrorCode.INTERNAL_ERROR);
        }
    }

    // ---- sign-up, sign-in, sign-out -----------------------------------------------------------------------

    private void signUp(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = JsonBody.read(request, mapper, true).allowOnly(withUserFields(Set.of("name", "email",
                "password", "image", "rememberMe", "callbackURL", "errorCallbackURL", CsrfGuard.TOKEN_FIELD)));
        Optional<String> callback = callbackUrl(body, request, "callbackURL");
        Optional<String> errorCallback = callbackUrl(body, request, "errorCallbackURL");
        SignUpResult result;
        try {
            SignUp signUp = new SignUp(body.requiredString("name"), body.requiredString("email"),
                    body.requiredString("password"), body.optionalString("image"),
                    rememberMe(body), body.fieldValues(auth.config().userFields(), mapper));
            Caller caller = Caller.client(clientInfo(request), cookies.presented(request), linkBase(request));
            // Hashing the new password is bcrypt work like a sign-in's check: it queues for the same slots.
            result = hashing.run(() -> auth.signUp(signUp, caller));
        } catch (TooManyRequestsException e) {
            redirectOnFormError(body, errorCallback, refusal(response, e), response);
            return;
        } catch (AuthException e) {
            redirectOnFormError(body, errorCallback, e, response);
            return;
        }
        result.signedIn().ifPresent(s -> signedIn(request, response, s));
        if (body.isForm() && callback.isPresent()) {
            redirect(response, callback.get());
            return;
        }
        ObjectNode out = json.object();
        // Without a session (e-mail verification required first) the token is null, as in Better Auth.
        out.put("token", result.signedIn().map(SignedIn::token).orElse(null));
        out.set("user", json.user(result.user()));
        responses.write(response, 200, out);
    }

    private Set<String> withUserFields(Set<String> base) {
        Set<String> names = new HashSet<>(base);
        auth.config().userFields().forEach(f -> names.add(f.name()));
        return names;
    }

    /** The cookies of a new session: the token, and under the jwt strategy the signed cache. */
    private void signedIn(HttpServletRequest request, HttpServletResponse response, SignedIn s) {
        cookies.apply(request, response, s.browser());
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = JsonBody.read(request, mapper, true)
                .allowOnly(Set.of("email", "password", "rememberMe", "callbackURL", "errorCallbackURL",
                        CsrfGuard.TOKEN_FIELD));
        Optional<String> callback = callbackUrl(body, request, "callbackURL");
        Optional<String> errorCallback = callbackUrl(body, request, "errorCallbackURL");
        SignedIn signedIn;
        try {
            String email = body.requiredString("email");
            SignIn signIn = new SignIn(email, body.requiredString("password"), rememberMe(body));
            Caller caller = Caller.client(clientInfo(request), cookies.presented(request), linkBase(request));
            signedIn = signIns.signIn(email, () -> auth.signIn(signIn, caller));
        } catch (TooManyRequestsException e) {
            redirectOnFormError(body, errorCallback, refusal(response, e), response);
            return;
        } catch (AuthException e) {
            redirectOnFormError(body, errorCallback, e, response);
            return;
        }
        signedIn(request, response, signedIn);
        if (body.isForm() && callback.isPresent()) {
            redirect(response, callback.get());
            return;
        }
        ObjectNode out = json.object();
        out.put("redirect", callback.isPresent());
        out.put("token", signedIn.token());
        callback.ifPresent(url -> out.put("url", url));
        out.set("user", json.user(signedIn.user()));
        responses.write(response, 200, out);
    }

    private void signOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody.read(request, mapper, false).allowOnly(NO_FIELDS);
        auth.signOut(cookies.presented(request));
        cookies.apply(request, response, BrowserUpdate.CLEAR);
        ObjectNode out = json.object();
        out.put("success", true);
        responses.write(response, 200, out);
    }

    // ---- the current session ------------------------------------------------------------------------------------

    private void getSession(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        boolean refresh = !flag(query, "disableRefresh");
        boolean useCache = !flag(query, "disableCookieCache");
        ResolveMode mode = ResolveMode.PAGE;
        mode = useCache ? mode : mode.withoutCache();
        mode = refresh ? mode : mode.withoutRefresh();
        Resolution r = auth.resolve(cookies.presented(request), mode);
        cookies.apply(request, response, r.browser());
        if (!r.isValid()) {
            responses.write(response, 200, NullNode.getInstance());
            return;
        }
        responses.write(response, 200, json.sessionAndUser(r.session().orElseThrow(), r.user().orElseThrow()));
    }

    private void refreshSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody.read(request, mapper, false).allowOnly(NO_FIELDS);
        Resolution r = requireSession(request, response);
        Resolution refreshed = auth.refresh(r);
        cookies.apply(request, response, refreshed.browser());
        responses.write(response, 200, json.sessionAndUser(refreshed.session().orElseThrow(),
                refreshed.user().orElseThrow()));
    }

    private void updateSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = JsonBody.read(request, mapper, false);
        Set<String> declared = new HashSet<>();
        auth.config().sessionFields().forEach(f -> declared.add(f.name()));
        body.allowOnly(declared);
        Resolution r = requireSession(request, response);
        Resolution updated = auth.updateSession(r, body.fieldValues(auth.config().sessionFields(), mapper),
                Writer.CLIENT);
        cookies.apply(request, response, updated.browser());
        ObjectNode out = json.object();
        out.set("session", json.session(updated.session().orElseThrow()));
        responses.write(response, 200, out);
    }

    private void updateUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = JsonBody.read(request, mapper, false);
        if (body.has("email")) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "email cannot be changed through update-user");
        }
        body.allowOnly(withUserFields(Set.of("name", "image")));
        ProfileChange change = new ProfileChange(body.optionalString("name"), body.has("image")
                ? Optional.of(new ProfileChange.ImageChange(body.optionalString("image"))) : Optional.empty(),
                body.fieldValues(auth.config().userFields(), mapper));
        if (change.isEmpty()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Nothing to update: send name, image or a field");
        }
        Resolution r = requireSession(request, response);
        Resolution updated = auth.updateUser(r, change, Writer.CLIENT);
        cookies.apply(request, response, updated.browser());
        ObjectNode out = json.object();
        out.put("status", true);
        responses.write(response, 200, out);
    }

    // ---- e-mail verification ------------------------------------------------------------------------------

    private void sendVerificationEmail(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = JsonBody.read(request, mapper, false).allowOnly(Set.of("email", "callbackURL"));
        Optional<String> callback = callbackUrl(body, request, "callbackURL");
        auth.requestVerification(body.requiredString("email"), linkBase(request), callback);
        // The same answer whether or not the address has an account: nothing to learn from it.
        status(response);
    }

    private void verifyEmail(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        // Read strictly by us, not getParameter: a bad escape must be a 400 naming the parameter on every container.
        Optional<String> callback = query.single("callbackURL").map(String::trim).filter(c -> !c.isEmpty());
        if (callback.isPresent() && !csrf.isTrustedUrl(callback.get(), request)) {
            throw new AuthException(ErrorCode.INVALID_ORIGIN, "callbackURL must be a path in this app or a trusted origin");
        }
        String secret = query.single("token").orElse("");
        EmailVerified verified;
        try {
            verified = auth.verifyEmail(secret, cookies.presented(request));
        } catch (AuthException e) {
            if (callback.isPresent()) {
                redirect(response, callback.get() + (callback.get().contains("?") ? "&" : "?") + "error=" + e.code());
                return;
            }
            throw e;
        }
        cookies.apply(request, response, verified.browser());
        User user = verified.user();
        if (callback.isPresent()) {
            redirect(response, callback.get());
            return;
        }
        ObjectNode out = json.object();
        out.put("status", true);
        out.set("user", json.user(user));
        responses.write(response, 200, out);
    }

    // ---- listing and revoking -------------------------------------------------------------------------------

    private void listSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Resolution r = requireSession(request, response);
        ArrayNode out = mapper.createArrayNode();
        for (Session s : auth.listSessions(r.user().orElseThrow().getId())) {
            out.add(json.session(s));
        }
        responses.write(response, 200, out);
    }

    private void revokeSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = JsonBody.read(request, mapper, false).allowOnly(Set.of("token"));
        String handle = body.requiredString("token");
        Resolution r = requireSession(request, response);
        // Someone else's handle and an unknown one get the same answer, and neither revokes anything.
        auth.revokeSession(r.user().orElseThrow().getId(), handle);
        if (handle.equals(r.session().orElseThrow().getId())) {
            cookies.apply(request, response, BrowserUpdate.CLEAR);
        }
        status(response);
    }

    private void revokeOtherSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody.read(request, mapper, false).allowOnly(NO_FIELDS);
        Resolution r = requireSession(request, response);
        auth.revokeOtherSessions(r.user().orElseThrow().getId(), r.session().orElseThrow().getId());
        status(response);
    }

    private void revokeSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody.read(request, mapper, false).allowOnly(NO_FIELDS);
        Resolution r = requireSession(request, response);
        auth.revokeAllSessions(r.user().orElseThrow().getId());
        cookies.apply(request, response, BrowserUpdate.CLEAR);
        status(response);
    }

    // ---- shared steps ---------------------------------------------------------------------------------------

    /**
     * The caller's live session (refreshed when due), or the 401 that fits why there is none. Always read from
     * the store, never from the jwt strategy's cookie: these endpoints change or list sessions.
     */
    private Resolution requireSession(HttpServletRequest request, HttpServletResponse response) {
        Resolution r = auth.resolve(cookies.presented(request), ResolveMode.STORE);
        cookies.apply(request, response, r.browser());
        if (!r.isValid()) {
            throw new AuthException(r.failure());
        }
        return r;
    }

    private void status(HttpServletResponse response) throws IOException {
        ObjectNode out = json.object();
        out.put("status", true);
        responses.write(response, 200, out);
    }

    private Optional<String> callbackUrl(JsonBody body, HttpServletRequest request, String field) {
        Optional<String> url = body.optionalString(field).map(String::trim).filter(s -> !s.isEmpty());
        if (url.isPresent() && !csrf.isTrustedUrl(url.get(), request)) {
            throw new AuthException(ErrorCode.INVALID_ORIGIN, field + " must be a path in this app or a trusted origin");
        }
        return url;
    }

    /** Sets {@code Retry-After}; the refusal then goes out as any other error (or back to the form). */
    private static AuthException refusal(HttpServletResponse response, TooManyRequestsException e) {
        response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        return e.toAuthException();
    }

    /**
     * Answers a request refused before its body was read. A sign-in or sign-up form that names a trusted
     * {@code errorCallbackURL} goes back there with {@code ?error=TOO_MANY_REQUESTS}, as for its other failures.
     */
    private void refuseUnread(HttpServletRequest request, HttpServletResponse response, String endpoint,
                              TooManyRequestsException refused) throws IOException {
        AuthException e = refusal(response, refused);
        if (FORM_ENDPOINTS.contains(endpoint) && "POST".equals(request.getMethod())) {
            try {
                JsonBody body = JsonBody.read(request, mapper, true);
                redirectOnFormError(body, callbackUrl(body, request, "errorCallbackURL"), e, response);
                return;
            } catch (AuthException notAForm) {
                // JSON, or no trusted errorCallbackURL, or a body we cannot read: the 429 below says it all
            }
        }
        responses.error(response, e.code(), e.getMessage());
    }

    /** A form post that fails goes back to the page that can show the error, when it named one. */
    private void redirectOnFormError(JsonBody body, Optional<String> errorCallback, AuthException e,
                                     HttpServletResponse response) throws IOException {
        if (!body.isForm() || errorCallback.isEmpty()) {
            throw e;
        }
        String url = errorCallback.get();
        redirect(response, url + (url.contains("?") ? "&" : "?") + "error="
                + URLEncoder.encode(e.code().name(), StandardCharsets.UTF_8));
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(302);
        response.setHeader("Location", location);
    }

    /**
     * JSON clients omit {@code rememberMe} to mean the default (remembered, as in Better Auth); an HTML form
     * omits an unchecked checkbox, so in a form an absent field means "do not remember".
     */
    private static boolean rememberMe(JsonBody body) {
        return body.optionalBoolean("rememberMe").orElse(!body.isForm());
    }

    /** Where this request reached the app, for mailed links when {@code baseURL} is not set. */
    private static LinkBase linkBase(HttpServletRequest request) {
        return new LinkBase(CsrfGuard.requestOrigin(request), request.getContextPath());
    }

    /** A {@code true}/{@code false} query parameter, read strictly (see {@link UrlEncoded}); absent is false. */
    private static boolean flag(UrlEncoded query, String name) {
        String value = query.single(name).orElse(null);
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be true or false");
    }

    private ClientInfo clientInfo(HttpServletRequest request) {
        return new ClientInfo(Optional.ofNullable(ClientAddress.of(request, auth.config().trustProxy())),
                Optional.ofNullable(request.getHeader("User-Agent")));
    }
}
