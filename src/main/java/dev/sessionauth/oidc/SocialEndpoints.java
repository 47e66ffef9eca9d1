package dev.sessionauth.oidc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.spi.DuplicateAccountException;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiJson;
import dev.sessionauth.web.CsrfGuard;
import dev.sessionauth.web.Endpoint;
import dev.sessionauth.web.JsonBody;
import dev.sessionauth.web.UrlEncoded;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Better Auth's social sign-in endpoints, with its request and answer shapes and error strings:
 * <ul>
 *   <li>{@code POST /sign-in/social}: {@code {url, redirect}} to send the browser to the provider (a plain HTML form
 *       goes there with a 302), or, with {@code idToken}, a sign-in with an ID token the app obtained itself
 *       ({@code {redirect: false, token, user}});</li>
 *   <li>{@code GET /callback/:provider}: the provider's answer; ends in a 302, to the callback URL with a session, or
 *       to the error callback with {@code ?error=<code>}, never a 500 and never a session on failure.
 *       {@code POST} (the provider's {@code form_post}) only redirects to the {@code GET};</li>
 *   <li>{@code POST /link-social}, {@code GET /list-accounts}, {@code POST /unlink-account}.</li>
 * </ul>
 */
final class SocialEndpoints {
    static final String SIGN_IN = "/sign-in/social";
    static final String CALLBACK = "/callback/";
    static final String LINK = "/link-social";
    static final String LIST = "/list-accounts";
    static final String UNLINK = "/unlink-account";

    private static final System.Logger LOG = System.getLogger(SocialEndpoints.class.getName());
    private static final Set<String> START_FIELDS = Set.of("provider", "callbackURL", "errorCallbackURL",
            "disableRedirect", "idToken", "scopes", "requestSignUp", "loginHint", "additionalParams",
            "additionalData", CsrfGuard.TOKEN_FIELD);
    private static final Set<String> SIGN_IN_FIELDS = union(START_FIELDS, Set.of("newUserCallbackURL", "rememberMe"));
    private static final Set<String> ID_TOKEN_FIELDS = Set.of("token", "nonce", "accessToken", "refreshToken",
            "expiresAt", "user");
    private static final List<String> CALLBACK_PARAMETERS = List.of("code", "state", "iss", "error",
            "error_description");
    private static final Pattern PROVIDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Better Auth's issuer of the password credential in {@code /list-accounts}. */
    private static final String CREDENTIAL_ISSUER = "local:credential";

    private final SocialPart part;
    private final ApiExchange api;

    SocialEndpoints(SocialPart part, ApiExchange api) {
        this.part = part;
        this.api = api;
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                SIGN_IN, Endpoint.post(this::signIn),
                LINK, Endpoint.post(this::link),
                LIST, Endpoint.getWithoutQuery(this::list),
                UNLINK, Endpoint.post(this::unlink));
    }

    Map<String, Endpoint.WithSegment> prefixedEndpoints() {
        return Map.of(CALLBACK, new Endpoint.WithSegment("GET, POST", this::callback));
    }

    // ---- POST /sign-in/social

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(SIGN_IN_FIELDS);
        Optional<String> errorCallback = api.callbackUrl(body, request, "errorCallbackURL");
        try {
            Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
            Optional<String> newUser = api.callbackUrl(body, request, "newUserCallbackURL");
            checkFormToken(body, request);
            Caller caller = api.caller(request);
            String providerId = body.requiredString("provider");
            Optional<JsonBody> idToken = body.optionalObject("idToken");
            // Better Auth hands additionalData to its hooks; there are none here, so it is only checked.
            body.optionalObject("additionalData");
            body.optionalBoolean("requestSignUp");
            boolean rememberMe = body.optionalBoolean("rememberMe").orElse(true);
            // The provider first: a name that is not configured, or one not loaded yet, writes nothing and costs no
            // provider a login page, so it does not spend the caller's allowance.
            OidcClient client = part.client(providerId);
            part.throttle(caller);
            if (idToken.isPresent()) {
                IdentityClaims identity = verifyIdToken(client, idToken.get());
                AccountLinking.Resolved resolved = resolve(identity);
                keepAppTokens(identity, idToken.get());
                SignInOutcome outcome = part.context().issuer().signIn(resolved.user(),
                        SignInGate.social(client.providerId()), rememberMe, caller);
                api.answerSignIn(request, response, body, Optional.empty(), outcome);
                return;
            }
            SocialPart.Begun begun = part.begin(request, client, new SocialPart.Start(callback.orElse(home(request)),
                    errorCallback, newUser, rememberMe, Optional.empty(), options(body)));
            answerStart(request, response, body, begun);
        } catch (AuthException e) {
            ApiExchange.redirectOnFormError(body, errorCallback, e, response);
        }
    }

    /** The signed-in user of an ID token, or Better Auth's JSON error for a refusal. */
    private AccountLinking.Resolved resolve(IdentityClaims identity) {
        try {
            AccountLinking.Resolved resolved = part.linking().signIn(identity, List.of());
            requireVerified(resolved.user());
            return resolved;
        } catch (LinkRefusal.Refused refused) {
            throw new AuthException(refused.refusal().code(), refused.refusal().message());
        }
    }

    private void requireVerified(User user) {
        if (part.config().emailVerificationRequired() && !user.isEmailVerified()) {
            throw LinkRefusal.EMAIL_NOT_VERIFIED.refused();
        }
    }

    /** Keeps the ID token and the access and refresh tokens the app sent beside it (Better Auth keeps them too). */
    private void keepAppTokens(IdentityClaims identity, JsonBody idToken) {
        part.keepAppTokens(identity, idToken.requiredString("token"), idToken.optionalString("accessToken"),
                idToken.optionalString("refreshToken"));
    }

    private IdentityClaims verifyIdToken(OidcClient client, JsonBody idToken) {
        idToken.allowOnly(ID_TOKEN_FIELDS);
        String token = idToken.requiredString("token");
        // Checked before anything is written: the tokens sent beside it are kept after the sign-in. expiresAt is
        // checked as Better Auth's schema says (a number) and, as there, not used.
        idToken.optionalString("accessToken");
        idToken.optionalString("refreshToken");
        idToken.node("expiresAt").filter(n -> !n.isNumber()).ifPresent(n -> {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "idToken.expiresAt must be a number");
        });
        Optional<String> nonce = idToken.optionalString("nonce");
        if (!client.supportsIdTokens()) {
            throw new AuthException(ErrorCode.ID_TOKEN_NOT_SUPPORTED);
        }
        try {
            return nonce.isPresent() ? client.verifyIdToken(token, nonce.get()) : client.verifyIdToken(token);
        } catch (OidcException e) {
            LOG.log(System.Logger.Level.INFO, () -> "socialProviders." + client.providerId() + ": ID token refused: "
                    + e.failure());
            throw new AuthException(ErrorCode.valueOf(e.failure().apiCode()), e.failure().message());
        } catch (ProviderUnavailableException e) {
            throw SocialPart.unavailable(e);
        }
    }

    /** The provider's URL as Better Auth answers it, or a 302 there for a plain HTML form. */
    private void answerStart(HttpServletRequest request, HttpServletResponse response, JsonBody body,
            SocialPart.Begun begun) throws IOException {
        api.apply(request, response, BrowserUpdate.features(begun.cookie()));
        String url = begun.url().toString();
        if (body.isForm()) {
            ApiExchange.redirect(response, url);
            return;
        }
        boolean disableRedirect = body.optionalBoolean("disableRedirect").orElse(false);
        if (!disableRedirect) {
            // As Better Auth: for server-side callers; fetch ignores it on a 200.
            response.setHeader("Location", url);
        }
        ObjectNode out = api.json().object();
        out.put("url", url);
        out.put("redirect", !disableRedirect);
        api.write(response, out);
    }

    private AuthorizationOptions options(JsonBody body) {
        try {
            AuthorizationOptions options = AuthorizationOptions.NONE;
            Optional<String> hint = body.optionalString("loginHint");
            if (hint.isPresent()) {
                options = options.withLoginHint(hint.get());
            }
            Optional<List<String>> scopes = body.isForm()
                    ? body.optionalString("scopes").map(ProviderSettings::parseScopes)
                    : body.optionalStrings("scopes");
            if (scopes.isPresent()) {
                options = options.withExtraScopes(scopes.get());
            }
            Optional<JsonBody> params = body.optionalObject("additionalParams");
            if (params.isPresent()) {
                Map<String, String> extra = new LinkedHashMap<>();
                for (String name : params.get().names()) {
                    String value = params.get().requiredString(name);
                    // These two have fields of their own in the request; Better Auth's clients pass them here too.
                    if (name.equals("prompt")) {
                        options = options.withPrompt(value);
                    } else if (name.equals("login_hint")) {
                        options = options.withLoginHint(value);
                    } else {
                        extra.put(name, value);
                    }
                }
                options = options.withExtraParameters(extra);
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, e.getMessage());
        }
    }

    // ---- GET and POST /callback/:provider

    private void callback(HttpServletRequest request, HttpServletResponse response, UrlEncoded query,
            String providerId) throws IOException {
        if (request.getMethod().equals("POST")) {
            formPost(request, response, query, providerId);
            return;
        }
        if (!request.getMethod().equals("GET")) {
            // A HEAD (a link checker) must not spend the browser's pending sign-in.
            response.setHeader("Allow", "GET, POST");
            throw new AuthException(ErrorCode.METHOD_NOT_ALLOWED, "Use GET or POST for the callback");
        }
        String errorTarget = defaultErrorTarget(request);
        try {
            CallbackParams params = params(query);
            String state = params.state().orElseThrow(() -> new OidcException(OidcFailure.STATE_NOT_FOUND));
            Caller caller = api.caller(request);
            PendingSignIn pending = part.states().read(caller.presented().featureCookie(SignInStates.COOKIE))
                    .orElseThrow(() -> new OidcException(OidcFailure.STATE_MISMATCH));
            errorTarget = pending.errorUrl().or(() -> loginPage(request)).orElse(pending.callbackUrl());
            // A state that is not this browser's pending one (login CSRF, another browser's callback) leaves it be.
            if (!IdTokenVerifier.sameSecret(state, pending.authorization().state())
                    || !pending.providerId().equals(providerId)) {
                throw new OidcException(OidcFailure.STATE_MISMATCH);
            }
            // From here the pending sign-in is spent, whatever happens next.
            api.apply(request, response, BrowserUpdate.features(SignInStates.forget()));
            if (!part.states().use(pending)) {
                throw new OidcException(OidcFailure.STATE_MISMATCH);
            }
            OidcClient client = part.loadedClient(providerId)
                    .orElseThrow(() -> new CallbackRefused("oauth_provider_not_found"));
            OidcClient.Finished finished = client.finishWithTokens(pending.authorization(), params,
                    URI.create(pending.redirectUri()));
            IdentityClaims identity = finished.identity();
            if (pending.isLink()) {
                linkAtCallback(request, response, pending, finished);
                return;
            }
            AccountLinking.Resolved resolved = part.linking().signIn(identity, pending.scopes());
            requireVerified(resolved.user());
            // Kept before the gates, as Better Auth does: they are the user's own, whether or not a session follows.
            part.keepTokens(identity, finished.tokens(), pending.scopes());
            SignInOutcome outcome = part.context().issuer().signIn(resolved.user(), SignInGate.social(providerId),
                    pending.rememberMe(), caller);
            String target = resolved.created() ? pending.newUserUrl().orElse(pending.callbackUrl())
                    : pending.callbackUrl();
            api.redirectSignIn(request, response, outcome, target, errorTarget);
        } catch (OidcException e) {
            LOG.log(System.Logger.Level.INFO, () -> "social sign-in with " + providerId + " refused: " + e.failure());
            refuse(response, errorTarget, e.callbackError());
        } catch (LinkRefusal.Refused e) {
            refuse(response, errorTarget, e.refusal().callbackError());
        } catch (CallbackRefused e) {
            refuse(response, errorTarget, e.getMessage());
        } catch (ProviderUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
            refuse(response, errorTarget, "temporarily_unavailable");
        } catch (AuthException e) {
            // A gate refused the user (a ban), or a throttle: its code, as a form's error callback gets it.
            e.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds())));
            refuse(response, errorTarget, e.code().name());
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "social sign-in with " + providerId + ": store unavailable: "
                    + e.getMessage());
            refuse(response, errorTarget, "temporarily_unavailable");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "social sign-in with " + providerId + " failed unexpectedly", e);
            refuse(response, errorTarget, "internal_server_error");
        }
    }

    /** The link a signed-in user started with {@code /link-social}: only for that user, still signed in here. */
    private void linkAtCallback(HttpServletRequest request, HttpServletResponse response, PendingSignIn pending,
            OidcClient.Finished finished) {
        IdentityClaims identity = finished.identity();
        Optional<String> signedIn;
        try {
            signedIn = api.requireSession(request, response).user().map(User::getId);
        } catch (AuthException signedOut) {
            signedIn = Optional.empty();
        }
        if (!signedIn.equals(pending.linkUserId())) {
            throw LinkRefusal.UNABLE_TO_LINK.refused();
        }
        part.linking().link(identity, pending.linkUserId().orElseThrow(), pending.scopes());
        part.keepTokens(identity, finished.tokens(), pending.scopes());
        ApiExchange.redirect(response, pending.callbackUrl());
    }

    /**
     * {@code response_mode=form_post}: the provider's page posts the answer from its own site, so the browser sends
     * no SameSite=Lax cookie with it; it goes on to the GET, a top-level navigation that carries them (Better Auth's
     * way). The query wins over the body, as in Better Auth; only the callback's own parameters are carried.
     */
    private void formPost(HttpServletRequest request, HttpServletResponse response, UrlEncoded query,
            String providerId) throws IOException {
        if (!PROVIDER_ID.matcher(providerId).matches()) {
            throw new AuthException(ErrorCode.NOT_FOUND, "No such provider");
        }
        JsonBody body = api.body(request, true);
        StringBuilder carried = new StringBuilder();
        for (String name : CALLBACK_PARAMETERS) {
            Optional<String> value = query.single(name).or(() -> body.optionalString(name));
            value.ifPresent(v -> carried.append(carried.length() == 0 ? "?" : "&").append(name).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        }
        ApiExchange.redirect(response, request.getContextPath() + part.config().basePath() + CALLBACK + providerId
                + carried);
    }

    private static CallbackParams params(UrlEncoded query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String name : CALLBACK_PARAMETERS) {
            try {
                query.single(name).ifPresent(value -> parameters.put(name, List.of(value)));
            } catch (AuthException repeated) {
                throw new OidcException(OidcFailure.INVALID_CALLBACK_REQUEST);
            }
        }
        return CallbackParams.fromParameters(parameters);
    }

    private static void refuse(HttpServletResponse response, String errorTarget, String error) {
        ApiExchange.redirect(response, ApiExchange.withError(errorTarget, error));
    }

    /** Where a refused callback goes when no pending sign-in says: the login page, else the app's root. */
    private String defaultErrorTarget(HttpServletRequest request) {
        return loginPage(request).orElse(home(request));
    }

    private Optional<String> loginPage(HttpServletRequest request) {
        return part.config().loginPage().map(page -> ApiExchange.inContext(page, request.getContextPath()));
    }

    private static String home(HttpServletRequest request) {
        return ApiExchange.inContext("/", request.getContextPath());
    }

    /** A refusal at the callback that is neither the protocol's nor the linking rules'; its message is the code. */
    private static final class CallbackRefused extends RuntimeException {
        CallbackRefused(String error) {
            super(error, null, false, false);
        }
    }

    // ---- POST /link-social

    private void link(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(START_FIELDS);
        Resolution session = api.requireSession(request, response);
        Optional<String> errorCallback = api.callbackUrl(body, request, "errorCallbackURL");
        try {
            Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
            api.checkFormToken(body, request, session);
            Caller caller = api.caller(request);
            String providerId = body.requiredString("provider");
            Optional<JsonBody> idToken = body.optionalObject("idToken");
            body.optionalObject("additionalData");
            body.optionalBoolean("requestSignUp");
            User user = session.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
            // The provider first: a name that is not configured, or one not loaded yet, writes nothing and costs no
            // provider a login page, so it does not spend the caller's allowance.
            OidcClient client = part.client(providerId);
            part.throttle(caller);
            if (idToken.isPresent()) {
                IdentityClaims identity = verifyIdToken(client, idToken.get());
                try {
                    part.linking().link(identity, user.getId(), List.of());
                } catch (LinkRefusal.Refused refused) {
                    throw new AuthException(refused.refusal().code(), refused.refusal().message());
                }
                keepAppTokens(identity, idToken.get());
                ObjectNode out = api.json().object();
                out.put("url", "");
                out.put("status", true);
                out.put("redirect", false);
                api.succeed(body, callback, response, out);
                return;
            }
            SocialPart.Begun begun = part.begin(request, client, new SocialPart.Start(callback.orElse(home(request)),
                    errorCallback, Optional.empty(), true, Optional.of(user.getId()), options(body)));
            answerStart(request, response, body, begun);
        } catch (AuthException e) {
            ApiExchange.redirectOnFormError(body, errorCallback, e, response);
        }
    }

    // ---- GET /list-accounts

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Resolution session = api.requireSession(request, response);
        User user = session.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        ArrayNode out = api.mapper().createArrayNode();
        if (part.accountStore().hasPassword(user.getId())) {
            // The password is an account in Better Auth's list (apps look for providerId "credential"); its row is
            // keyed by the user's id.
            ObjectNode credential = out.addObject();
            credential.put("id", user.getId());
            credential.put("providerId", "credential");
            credential.put("accountId", user.getId());
            credential.put("userId", user.getId());
            credential.put("issuer", CREDENTIAL_ISSUER);
            credential.putArray("scopes");
            credential.put("createdAt", ApiJson.timestamp(user.getCreatedAt()));
            credential.put("updatedAt", ApiJson.timestamp(user.getUpdatedAt()));
        }
        for (LinkedAccount account : part.accountStore().listOf(user.getId())) {
            ObjectNode a = out.addObject();
            a.put("id", account.id());
            a.put("providerId", account.providerId());
            a.put("accountId", account.accountId());
            a.put("userId", account.userId());
            a.put("issuer", account.issuer().orElse("local:oauth:" + account.providerId()));
            ArrayNode scopes = a.putArray("scopes");
            account.scopes().forEach(scopes::add);
            a.put("createdAt", ApiJson.timestamp(account.createdAt()));
            a.put("updatedAt", ApiJson.timestamp(account.updatedAt()));
        }
        api.write(response, out);
    }

    // ---- POST /unlink-account

    private void unlink(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true);
        body.allowOnly(body.isForm() ? ApiExchange.withFormFields(Set.of("accountId")) : Set.of("accountId"));
        Resolution session = api.requireSession(request, response);
        Optional<String> errorCallback = api.callbackUrl(body, request, "errorCallbackURL");
        try {
            Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
            api.checkFormToken(body, request, session);
            if (session.session().isEmpty() || !api.auth().isFresh(session.session().get())) {
                throw new AuthException(ErrorCode.SESSION_NOT_FRESH, "Session is not fresh");
            }
            String accountId = body.requiredString("accountId");
            String userId = session.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED)).getId();
            FeatureContext context = part.context();
            Optional<LinkedAccount> target = part.accountStore().listOf(userId).stream()
                    .filter(a -> a.id().equals(accountId)).findFirst();
            // Better Auth's order: the last way in is refused before the account is even looked for.
            if (context.waysIn(userId) <= 1) {
                throw new AuthException(ErrorCode.FAILED_TO_UNLINK_LAST_ACCOUNT);
            }
            if (target.isEmpty() || !part.accountStore().unlink(userId, accountId)) {
                throw new AuthException(ErrorCode.ACCOUNT_NOT_FOUND);
            }
            // The table's rows go with the account (ON DELETE CASCADE); the in-memory store needs telling.
            part.tokens().forget(accountId);
            // Two unlinks at once could each have seen the other's account still there: the loser puts its back.
            if (context.waysIn(userId) == 0) {
                relink(target.get());
                throw new AuthException(ErrorCode.FAILED_TO_UNLINK_LAST_ACCOUNT);
            }
            ObjectNode out = api.json().object();
            out.put("status", true);
            api.succeed(body, callback, response, out);
        } catch (AuthException e) {
            ApiExchange.redirectOnFormError(body, errorCallback, e, response);
        }
    }

    private void relink(LinkedAccount account) {
        try {
            part.accountStore().link(account);
        } catch (DuplicateAccountException alreadyBack) {
            LOG.log(System.Logger.Level.DEBUG, "account " + account.id() + " was linked again concurrently");
        }
    }

    private void checkFormToken(JsonBody body, HttpServletRequest request) {
        if (body.isForm()) {
            api.checkFormToken(body, request, api.auth().resolve(api.presented(request),
                    ResolveMode.STORE.withoutRefresh()));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
