package dev.sessionauth.oidc;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.LinkOrigins;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.engine.AddressLimits;
import dev.sessionauth.engine.SessionTransport;
import dev.sessionauth.spi.AccountStore;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiRoutes;
import dev.sessionauth.web.CsrfGuard;
import dev.sessionauth.web.Endpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Social sign-in, started: the configured providers (each ready once its discovery loaded), the pending sign-ins
 * bound to browsers, the account-linking rules, and Better Auth's endpoints ({@link SocialEndpoints}). Its Java API is
 * {@link SocialSignIn}; every provider account it links counts as a way in ({@link #waysIn}).
 */
final class SocialPart implements FeaturePart, ApiRoutes, SocialSignIn {
    private static final System.Logger LOG = System.getLogger(SocialPart.class.getName());

    private final AuthConfig config;
    private final FeatureContext context;
    private final ProviderDirectory directory;
    private final AccountStore accounts;
    private final SignInStates states;
    private final AccountLinking linking;
    private final Optional<AddressLimits> starts;
    private final LinkOrigins linkOrigins;
    private final CsrfGuard callbackUrls;
    private final ProviderTokenVault tokens;

    SocialPart(AuthConfig config, FeatureContext context, ProviderDirectory directory, AccountStore accounts,
            ProviderTokenVault tokens) {
        this.config = config;
        this.context = context;
        this.directory = directory;
        this.accounts = accounts;
        this.states = new SignInStates(context.secrets(), context.verifications(), context.tokens(), context.clock());
        this.linking = new AccountLinking(context.users(), accounts, context.tokens(), context.clock(),
                config.userFields());
        // Each start writes a row and costs the provider a login page: counted like sign-ups, per address.
        this.starts = config.rateLimitEnabled()
                ? Optional.of(new AddressLimits(config.strictMax(), config.strictWindow(), context.clock()))
                : Optional.empty();
        this.linkOrigins = new LinkOrigins(config);
        this.callbackUrls = new CsrfGuard(config);
        this.tokens = tokens;
    }

    @Override
    public Set<String> cookies() {
        return Set.of(SignInStates.COOKIE);
    }

    @Override
    public int waysIn(String userId) {
        return accounts.listOf(userId).size();
    }

    @Override
    public Map<String, Endpoint> endpoints(ApiExchange api) {
        Map<String, Endpoint> all = new java.util.HashMap<>(new SocialEndpoints(this, api).endpoints());
        all.putAll(new ProviderTokenEndpoints(this, api).endpoints());
        return Map.copyOf(all);
    }

    @Override
    public Map<String, Endpoint.WithSegment> prefixedEndpoints(ApiExchange api) {
        return new SocialEndpoints(this, api).prefixedEndpoints();
    }

    @Override
    public Set<String> crossSiteForms() {
        // Apple and other form_post providers post the answer from their own site; the POST only redirects to the GET.
        return Set.of(SocialEndpoints.CALLBACK);
    }

    @Override
    public void close() {
        directory.close();
    }

    // ---- the Java API

    @Override
    public List<SocialProvider> providers() {
        return directory.settings().stream().map(s -> new SocialProvider(s.id(), s.name())).toList();
    }

    @Override
    public String signInPath() {
        return config.basePath() + SocialEndpoints.SIGN_IN;
    }

    @Override
    public URI startSignIn(HttpServletRequest request, HttpServletResponse response, String providerId,
            String callbackURL) {
        if (callbackURL == null || !callbackUrls.isTrustedUrl(callbackURL, request)) {
            throw new AuthException(ErrorCode.INVALID_ORIGIN, "callbackURL must be a path in this app or a trusted"
                    + " origin");
        }
        String callback = callbackURL.startsWith("/") ? ApiExchange.inContext(callbackURL, request.getContextPath())
                : callbackURL;
        SessionTransport transport = SessionTransport.of(request);
        throttle(transport.caller(request));
        Begun begun = begin(request, client(providerId), new Start(callback, Optional.empty(), Optional.empty(),
                true, Optional.empty(), AuthorizationOptions.NONE));
        transport.apply(request, response, BrowserUpdate.features(begun.cookie()));
        return begun.url();
    }

    @Override
    public List<LinkedAccount> accounts(String userId) {
        return accounts.listOf(userId);
    }

    @Override
    public ProviderAccessToken accessToken(String userId, String providerId) {
        LinkedAccount account = accounts.listOf(userId).stream().filter(a -> a.providerId().equals(providerId))
                .findFirst().orElseThrow(() -> new AuthException(ErrorCode.ACCOUNT_NOT_FOUND));
        if (!isConfigured(providerId)) {
            throw new AuthException(ErrorCode.PROVIDER_NOT_SUPPORTED);
        }
        ProviderTokens valid = validTokens(account);
        return new ProviderAccessToken(valid.accessToken().orElseThrow(), valid.accessTokenExpiresAt(),
                valid.scopes(), valid.idToken());
    }

    // ---- shared by the endpoints

    FeatureContext context() {
        return context;
    }

    AuthConfig config() {
        return config;
    }

    AccountStore accountStore() {
        return accounts;
    }

    ProviderTokenVault tokens() {
        return tokens;
    }

    /**
     * Keeps the tokens a sign-in (or link) of {@code identity} obtained on its provider account, replacing what the
     * last one left; {@code requestedScopes} stand for the grant when the provider does not name it.
     */
    void keepTokens(IdentityClaims identity, Tokens obtained, List<String> requestedScopes) {
        accounts.find(identity.providerId(), identity.subject()).ifPresent(account -> tokens.keep(account.id(),
                ProviderTokens.granted(obtained, requestedScopes, context.clock().instant())));
    }

    /** Better Auth refreshes an access token that expires within this margin. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    /**
     * The account's tokens with an access token that is still valid: refreshed first when it expires within
     * {@link #EXPIRY_MARGIN} and a refresh token is kept (with none, the expired one, as Better Auth answers).
     *
     * @throws AuthException {@code ACCESS_TOKEN_NOT_FOUND}, or as {@link #refreshTokens} with
     *     {@code FAILED_TO_GET_ACCESS_TOKEN}
     */
    ProviderTokens validTokens(LinkedAccount account) {
        ProviderTokens kept = tokens.find(account.id())
                .orElseThrow(() -> new AuthException(ErrorCode.ACCESS_TOKEN_NOT_FOUND));
        if (expiring(kept) && kept.refreshToken().isPresent()) {
            kept = refreshTokens(account, false, ErrorCode.FAILED_TO_GET_ACCESS_TOKEN);
        }
        if (kept.accessToken().isEmpty()) {
            throw new AuthException(ErrorCode.ACCESS_TOKEN_NOT_FOUND);
        }
        return kept;
    }

    private boolean expiring(ProviderTokens kept) {
        Instant soon = context.clock().instant().plus(EXPIRY_MARGIN);
        return kept.accessTokenExpiresAt().filter(at -> at.isBefore(soon)).isPresent();
    }

    /**
     * Refreshes the account's tokens at its provider and keeps the new ones. One refresh per account at a time in this
     * instance: a provider that rotates refresh tokens would refuse the second of two concurrent ones. Unless
     * {@code forced}, a refresh another request finished meanwhile is used as it is.
     *
     * @throws AuthException {@code REFRESH_TOKEN_NOT_FOUND}; {@code refused} when the provider refuses the refresh;
     *     {@code SERVICE_UNAVAILABLE} when it fails or cannot be reached
     */
    ProviderTokens refreshTokens(LinkedAccount account, boolean forced, ErrorCode refused) {
        synchronized (tokens.lock(account.id())) {
            ProviderTokens current = tokens.find(account.id())
                    .filter(t -> t.refreshToken().isPresent())
                    .orElseThrow(() -> new AuthException(ErrorCode.REFRESH_TOKEN_NOT_FOUND));
            if (!forced && !expiring(current)) {
                return current;
            }
            OidcClient client = client(account.providerId());
            Tokens fresh;
            try {
                fresh = client.refresh(current.refreshToken().orElseThrow());
            } catch (OidcException e) {
                if (e.failure() == OidcFailure.TOKEN_ENDPOINT_UNREACHABLE
                        || e.failure() == OidcFailure.TOKEN_ENDPOINT_FAILED) {
                    throw new AuthException(ErrorCode.SERVICE_UNAVAILABLE, "The provider " + account.providerId()
                            + " cannot be reached right now; try again shortly");
                }
                throw new AuthException(refused);
            }
            ProviderTokens updated = current.refreshed(fresh, context.clock().instant());
            tokens.keep(account.id(), updated);
            return updated;
        }
    }

    /** Keeps what an app's sign-in or link with an ID token brought (the tokens it sent beside it) on the account. */
    void keepAppTokens(IdentityClaims identity, String idToken, Optional<String> accessToken,
            Optional<String> refreshToken) {
        accounts.find(identity.providerId(), identity.subject()).ifPresent(account -> {
            synchronized (tokens.lock(account.id())) {
                tokens.keep(account.id(), ProviderTokens.fromApp(idToken, accessToken, refreshToken,
                        tokens.find(account.id())));
            }
        });
    }

    SignInStates states() {
        return states;
    }

    AccountLinking linking() {
        return linking;
    }

    /**
     * The client of provider {@code providerId}.
     *
     * @throws AuthException {@code PROVIDER_NOT_FOUND} when it is not configured, {@code SERVICE_UNAVAILABLE} while
     *     its discovery document has not loaded
     */
    OidcClient client(String providerId) {
        try {
            return directory.client(providerId).orElseThrow(() -> new AuthException(ErrorCode.PROVIDER_NOT_FOUND));
        } catch (ProviderUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** Whether {@code providerId} is among the configured providers (loaded or not). */
    boolean isConfigured(String providerId) {
        return directory.settings().stream().anyMatch(s -> s.id().equals(providerId));
    }

    /** The provider's client, if configured and loaded (the callback redirects rather than answering JSON). */
    Optional<OidcClient> loadedClient(String providerId) {
        return directory.client(providerId);
    }

    static AuthException unavailable(ProviderUnavailableException e) {
        LOG.log(System.Logger.Level.WARNING, e.getMessage());
        return new AuthException(ErrorCode.SERVICE_UNAVAILABLE, "The sign-in provider " + e.providerId()
                + " cannot be reached right now; try again shortly");
    }

    /** Takes one start of a sign-in from the caller's per-address allowance. */
    void throttle(Caller caller) {
        starts.ifPresent(limits -> caller.client().ipAddress().ifPresent(limits::take));
    }

    /** How a sign-in (or link) starts: where it leads, whether it is remembered, whose link it is, what is asked. */
    record Start(String callbackUrl, Optional<String> errorUrl, Optional<String> newUserUrl, boolean rememberMe,
            Optional<String> linkUserId, AuthorizationOptions options) {
    }

    /** A started sign-in: the provider's URL and the cookie that binds it to the browser. */
    record Begun(URI url, BrowserUpdate.FeatureCookie cookie) {
        @Override
        public String toString() {
            return "Begun[" + Urls.withoutQuery(url) + "]";
        }
    }

    /** Starts a sign-in with {@code client} as {@code start} says. */
    Begun begin(HttpServletRequest request, OidcClient client, Start start) {
        URI redirectUri = redirectUri(request, client.providerId());
        AuthorizationRedirect redirect = client.begin(redirectUri, start.options());
        Set<String> scopes = new LinkedHashSet<>(client.settings().scopes());
        scopes.addAll(start.options().extraScopes());
        PendingSignIn pending = new PendingSignIn(redirect.pending(), redirectUri.toString(), start.callbackUrl(),
                start.errorUrl(), start.newUserUrl(), start.rememberMe(), start.linkUserId(), List.copyOf(scopes),
                states.expiry());
        return new Begun(redirect.url(), states.remember(pending));
    }

    /**
     * {@code <baseURL><context path><basePath>/callback/<id>}: what must be registered at the provider. Without
     * {@code baseURL} the request's origin is used only when a mailed link could use it too (a trusted origin, or
     * loopback for development): a forged {@code Host} header must not choose where the provider sends the code.
     */
    private URI redirectUri(HttpServletRequest request, String providerId) {
        String origin = config.baseUrl().orElseGet(() -> ApiExchange.linkBase(request).origin());
        String uri = origin + request.getContextPath() + config.basePath() + SocialEndpoints.CALLBACK + providerId;
        if (config.baseUrl().isEmpty() && !linkOrigins.isTrusted(uri)) {
            LOG.log(System.Logger.Level.WARNING, "social sign-in refused: the request's origin " + origin
                    + " is not trusted; set baseURL (or add the origin to trustedOrigins)");
            throw new AuthException(ErrorCode.INVALID_ORIGIN, "This app's address is not configured for sign-in"
                    + " with a provider; set baseURL");
        }
        return URI.create(uri);
    }
}
