package dev.sessionauth.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One provider's sign-in, start to finish, for the endpoints to call: {@link #begin} starts a sign-in (the URL to
 * send the browser to, the secrets to keep), {@link #finish} checks the callback (state, issuer, provider error),
 * exchanges the code with its PKCE verifier and verifies the ID token with its nonce, and {@link #verifyIdToken}
 * checks an ID token an app obtained itself (Better Auth's {@code POST /sign-in/social} with {@code idToken}).
 * Immutable and safe to share; {@link ProviderDirectory} makes one per provider once its discovery has loaded.
 *
 * <p>{@code finish} and {@code verifyIdToken} throw {@link OidcException} when they refuse (its failure carries the
 * callback's {@code error=} string) and {@link ProviderUnavailableException} when the provider's keys cannot be
 * fetched (answer 503).
 */
public final class OidcClient {
    private static final System.Logger LOG = System.getLogger(OidcClient.class.getName());
    // RFC 6749 §4.1.2.1 and OpenID Connect Core §3.1.2.6: the error codes a provider may send back, passed on as
    // Better Auth does; anything else is reported as server_error, never echoed.
    private static final Set<String> STANDARD_ERRORS = Set.of("invalid_request", "unauthorized_client",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable",
            "interaction_required", "login_required", "account_selection_required", "consent_required",
            "invalid_request_uri", "invalid_request_object", "request_not_supported", "request_uri_not_supported",
            "registration_not_supported");

    private final ProviderSettings settings;
    private final AuthorizationRequest authorization;
    private final ResponseIssuerCheck issuerCheck;
    private final TokenClient tokenClient;
    private final Identity identity;

    /** Where the identity comes from: a verified ID token, or GitHub's API. */
    private interface Identity {
        IdentityClaims fromTokens(Tokens tokens, PendingAuthorization pending, CallbackParams params);

        IdentityClaims fromIdToken(String idToken, String nonceOrNull);

        ProviderProfile profile(String accessToken, String subject);
    }

    private OidcClient(ProviderSettings settings, AuthorizationRequest authorization, ResponseIssuerCheck issuerCheck,
            TokenClient tokenClient, Identity identity) {
        this.settings = settings;
        this.authorization = authorization;
        this.issuerCheck = issuerCheck;
        this.tokenClient = tokenClient;
        this.identity = identity;
    }

    /**
     * The client of the OpenID Connect provider {@code settings} whose discovery gave {@code metadata}, with the
     * default clock skew ({@link IdTokenVerifier#DEFAULT_CLOCK_SKEW}) and key refetch interval
     * ({@link Jwks#DEFAULT_MIN_REFETCH_INTERVAL}).
     *
     * @throws ProviderConfigException if the provider cannot answer as configured (e.g. {@code form_post})
     */
    public static OidcClient openIdConnect(ProviderSettings settings, ProviderMetadata metadata, OidcHttp http,
            Clock clock) {
        return openIdConnect(settings, metadata, http, clock, Jwks.DEFAULT_MIN_REFETCH_INTERVAL,
                IdTokenVerifier.DEFAULT_CLOCK_SKEW);
    }

    /** As {@link #openIdConnect(ProviderSettings, ProviderMetadata, OidcHttp, Clock)}, with both intervals given. */
    public static OidcClient openIdConnect(ProviderSettings settings, ProviderMetadata metadata, OidcHttp http,
            Clock clock, Duration minKeyRefetchInterval, Duration clockSkew) {
        if (!(settings.protocol() instanceof Protocol.OpenIdConnect oidc)) {
            throw new IllegalArgumentException(settings.id() + " is not an OpenID Connect provider");
        }
        checkCapabilities(settings, metadata);
        Jwks jwks = new Jwks(settings.id(), metadata.jwksUri(),
                Jwks.acceptedAlgorithms(metadata.idTokenSigningAlgorithms()), http, clock, minKeyRefetchInterval);
        IdTokenVerifier verifier =
                new IdTokenVerifier(settings.id(), settings.clientId(), oidc.issuerRule(), jwks, clock, clockSkew);
        return new OidcClient(settings,
                new AuthorizationRequest(settings, metadata.authorizationEndpoint(), new SecureRandom()),
                ResponseIssuerCheck.forProvider(oidc.issuerRule(), metadata),
                new TokenClient(settings, metadata.tokenEndpoint(), http),
                new OpenIdConnectIdentity(settings.id(), oidc.issuerRule(), verifier, metadata.userinfoEndpoint(),
                        http));
    }

    /** The client of the GitHub provider {@code settings} (no discovery: GitHub's endpoints are fixed). */
    public static OidcClient gitHub(ProviderSettings settings, OidcHttp http) {
        if (!(settings.protocol() instanceof Protocol.GitHub github)) {
            throw new IllegalArgumentException(settings.id() + " is not a GitHub provider");
        }
        GitHubApi api = new GitHubApi(settings.id(), github, http);
        return new OidcClient(settings,
                new AuthorizationRequest(settings, github.authorizationEndpoint(), new SecureRandom()),
                ResponseIssuerCheck.withoutIssuer(),
                new TokenClient(settings, github.tokenEndpoint(), http),
                new Identity() {
                    @Override
                    public IdentityClaims fromTokens(Tokens tokens, PendingAuthorization pending,
                            CallbackParams params) {
                        return api.identity(tokens.accessToken());
                    }

                    @Override
                    public IdentityClaims fromIdToken(String idToken, String nonceOrNull) {
                        throw new OidcException(OidcFailure.ID_TOKEN_NOT_SUPPORTED);
                    }

                    @Override
                    public ProviderProfile profile(String accessToken, String subject) {
                        return api.profile(accessToken, subject);
                    }
                });
    }

    /** The provider's settings. */
    public ProviderSettings settings() {
        return settings;
    }

    /** The provider's id. */
    public String providerId() {
        return settings.id();
    }

    /** Whether an app may sign in with an ID token of this provider ({@link #verifyIdToken}); GitHub has none. */
    public boolean supportsIdTokens() {
        return settings.isOpenIdConnect();
    }

    /** Starts a sign-in that returns to {@code redirectUri}. */
    public AuthorizationRedirect begin(URI redirectUri) {
        return begin(redirectUri, AuthorizationOptions.NONE);
    }

    /**
     * Starts a sign-in that returns to {@code redirectUri} (Better Auth's {@code <baseURL>/callback/<id>}) with the
     * caller's {@code options}. Keep {@link AuthorizationRedirect#pending()} bound to the browser; send the browser
     * to {@link AuthorizationRedirect#url()}.
     */
    public AuthorizationRedirect begin(URI redirectUri, AuthorizationOptions options) {
        return authorization.create(redirectUri, options);
    }

    /**
     * Finishes the sign-in {@code pending} with the callback's {@code params}: the {@code state} must be the
     * pending one (compared in constant time), the {@code iss} this provider's (RFC 9207), and no {@code error}; then
     * the code is exchanged at the token endpoint with the PKCE verifier and {@code redirectUri} (the one
     * {@link #begin} was given), and the ID token is verified with the pending nonce (for GitHub: the user is read
     * from its API). The pending secrets must be discarded afterwards, whatever the outcome (single use).
     *
     * @throws OidcException when the sign-in is refused; see {@link OidcFailure}
     * @throws ProviderUnavailableException if the provider's keys cannot be fetched
     */
    public IdentityClaims finish(PendingAuthorization pending, CallbackParams params, URI redirectUri) {
        return finishWithTokens(pending, params, redirectUri).identity();
    }

    /** A finished sign-in: who signed in, and the provider's tokens for calling its APIs as them. */
    public record Finished(IdentityClaims identity, Tokens tokens) {
    }

    /** As {@link #finish}, with the tokens the code was exchanged for. */
    public Finished finishWithTokens(PendingAuthorization pending, CallbackParams params, URI redirectUri) {
        Objects.requireNonNull(pending, "pending");
        AuthorizationRequest.checkRedirectUri(redirectUri);
        String state = params.state().orElseThrow(() -> new OidcException(OidcFailure.STATE_NOT_FOUND));
        // The provider id is not secret; the state is, so it alone is compared in constant time.
        if (!IdTokenVerifier.sameSecret(state, pending.state()) || !pending.providerId().equals(settings.id())) {
            throw new OidcException(OidcFailure.STATE_MISMATCH);
        }
        // RFC 9207 §2.4: the issuer is checked before anything else of the response, error responses included.
        issuerCheck.check(params);
        if (params.error().isPresent()) {
            throw providerError(params);
        }
        String code = params.code().orElseThrow(() -> new OidcException(OidcFailure.NO_CODE));
        Tokens tokens = tokenClient.exchange(code, redirectUri, pending.codeVerifier());
        return new Finished(identity.fromTokens(tokens, pending, params), tokens);
    }

    /**
     * New tokens for {@code refreshToken} from the provider's token endpoint, with this client's authentication.
     *
     * @throws OidcException when the provider refuses, fails or does not answer
     */
    public Tokens refresh(String refreshToken) {
        return tokenClient.refresh(refreshToken);
    }

    /**
     * What the provider says now about the user {@code subject} whose access token is {@code accessToken}: the
     * userinfo endpoint (OpenID Connect Core §5.3; its {@code sub} must be {@code subject}), or GitHub's user API.
     *
     * @throws OidcException {@link OidcFailure#USER_INFO_FAILED} when the provider refuses the token, answers for
     *     another subject or has no userinfo endpoint
     * @throws ProviderUnavailableException when the provider cannot be reached
     */
    ProviderProfile profile(String accessToken, String subject) {
        return identity.profile(accessToken, subject);
    }

    /**
     * The identity in an ID token an app obtained from this provider itself, which must carry {@code nonce} (the
     * nonce the app gave the provider).
     *
     * @throws OidcException when refused ({@link OidcFailure#ID_TOKEN_NOT_SUPPORTED} for GitHub)
     * @throws ProviderUnavailableException if the provider's keys cannot be fetched
     */
    public IdentityClaims verifyIdToken(String idToken, String nonce) {
        return identity.fromIdToken(idToken, Objects.requireNonNull(nonce, "nonce"));
    }

    /**
     * The identity in an ID token an app obtained from this provider itself and sent without its nonce (Better Auth
     * accepts that; such a token can be replayed until it expires, so prefer {@link #verifyIdToken(String, String)}).
     */
    public IdentityClaims verifyIdToken(String idToken) {
        return identity.fromIdToken(idToken, null);
    }

    private OidcException providerError(CallbackParams params) {
        String error = params.error().orElseThrow();
        LOG.log(System.Logger.Level.DEBUG, () -> "provider " + settings.id() + " answered error \""
                + Urls.forLog(error, 60) + "\": " + Urls.forLog(params.errorDescription().orElse(""), 300));
        if ("access_denied".equals(error)) {
            return new OidcException(OidcFailure.ACCESS_DENIED);
        }
        return new OidcException(OidcFailure.PROVIDER_ERROR,
                STANDARD_ERRORS.contains(error) ? error : OidcFailure.PROVIDER_ERROR.callbackError());
    }

    private static void checkCapabilities(ProviderSettings settings, ProviderMetadata metadata) {
        if (!metadata.supportsResponseMode(settings.responseMode())) {
            throw new ProviderConfigException(ProviderSettings.setting(settings.id(), "responseMode") + " is "
                    + settings.responseMode().value() + ", which the provider does not list in"
                    + " response_modes_supported: remove the setting or use query");
        }
        if (!metadata.tokenEndpointAuthMethods().isEmpty()
                && !metadata.tokenEndpointAuthMethods().contains(settings.tokenAuth().value())) {
            LOG.log(System.Logger.Level.WARNING, ProviderSettings.setting(settings.id(), "tokenAuth") + " is "
                    + settings.tokenAuth().value() + ", which the provider does not list among "
                    + metadata.tokenEndpointAuthMethods() + "; code exchanges may be refused");
        }
        if (!metadata.codeChallengeMethods().isEmpty() && !metadata.codeChallengeMethods().contains("S256")) {
            LOG.log(System.Logger.Level.WARNING, "socialProviders." + settings.id()
                    + ": the provider does not list PKCE S256; the challenge is sent anyway and the nonce still binds"
                    + " the ID token to the sign-in");
        }
    }

    /** The identity of an OpenID Connect sign-in: the verified ID token, completed by userinfo when it lacks the e-mail. */
    private static final class OpenIdConnectIdentity implements Identity {
        private final String providerId;
        private final IssuerRule issuerRule;
        private final IdTokenVerifier verifier;
        private final Optional<URI> userinfoEndpoint;
        private final OidcHttp http;

        OpenIdConnectIdentity(String providerId, IssuerRule issuerRule, IdTokenVerifier verifier,
                Optional<URI> userinfoEndpoint, OidcHttp http) {
            this.providerId = providerId;
            this.issuerRule = issuerRule;
            this.verifier = verifier;
            this.userinfoEndpoint = userinfoEndpoint;
            this.http = http;
        }

        @Override
        public IdentityClaims fromTokens(Tokens tokens, PendingAuthorization pending, CallbackParams params) {
            IdTokenVerifier.Verified verified = verifier.verifiedClaims(tokens.idToken().orElseThrow(
                    () -> new OidcException(OidcFailure.ID_TOKEN_MISSING)), pending.nonce());
            // A multi-tenant issuer named in the response must be the very tenant that signed the ID token.
            if (params.iss().isPresent()
                    && !issuerRule.accountIssuer(params.iss().get()).equals(verified.accountIssuer())) {
                throw new OidcException(OidcFailure.ISSUER_MISMATCH);
            }
            Map<String, Object> claims = verified.claims();
            if (!(claims.get("email") instanceof String email) || email.isBlank()) {
                claims = withUserinfo(claims, verified.subject(), tokens.accessToken());
            }
            return IdentityClaims.fromClaims(providerId, verified.accountIssuer(), verified.subject(), claims);
        }

        @Override
        public IdentityClaims fromIdToken(String idToken, String nonceOrNull) {
            return nonceOrNull == null ? verifier.verifyWithoutNonce(idToken) : verifier.verify(idToken, nonceOrNull);
        }

        @Override
        public ProviderProfile profile(String accessToken, String subject) {
            if (userinfoEndpoint.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "provider " + providerId + " publishes no userinfo_endpoint");
                throw new OidcException(OidcFailure.USER_INFO_FAILED);
            }
            OidcHttp.Answer answer;
            try {
                answer = http.get(userinfoEndpoint.get(),
                        Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"));
            } catch (OidcHttp.CallFailed e) {
                throw new ProviderUnavailableException(providerId, "userinfo of " + providerId + ": " + e.getMessage());
            }
            Optional<ObjectNode> info = answer.status() == 200 ? Json.object(answer.body()) : Optional.empty();
            if (info.isEmpty() || !subject.equals(Json.text(info.get(), "sub").orElse(null))) {
                LOG.log(System.Logger.Level.WARNING, "userinfo of " + providerId + " answered HTTP " + answer.status()
                        + (info.isEmpty() ? " without a JSON object" : " for another subject"));
                throw new OidcException(OidcFailure.USER_INFO_FAILED);
            }
            ObjectNode data = info.get();
            boolean verified = data.path("email_verified").isBoolean() ? data.get("email_verified").asBoolean()
                    : "true".equals(Json.text(data, "email_verified").orElse(null));
            return new ProviderProfile(subject, Json.text(data, "name"), Json.text(data, "email"),
                    Json.text(data, "picture"), verified, data);
        }

        /**
         * The ID token's claims with the e-mail address (and whether it is verified), name and picture from the
         * userinfo endpoint (OpenID Connect Core §5.3), whose {@code sub} must be the ID token's (§5.3.2).
         */
        private Map<String, Object> withUserinfo(Map<String, Object> claims, String subject, String accessToken) {
            if (userinfoEndpoint.isEmpty()) {
                return claims;
            }
            OidcHttp.Answer answer;
            try {
                answer = http.get(userinfoEndpoint.get(),
                        Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"));
            } catch (OidcHttp.CallFailed e) {
                LOG.log(System.Logger.Level.WARNING, "userinfo of " + providerId + ": " + e.getMessage());
                throw new OidcException(OidcFailure.USER_INFO_FAILED);
            }
            Optional<ObjectNode> info = answer.status() == 200 ? Json.object(answer.body()) : Optional.empty();
            if (info.isEmpty() || !subject.equals(Json.text(info.get(), "sub").orElse(null))) {
                LOG.log(System.Logger.Level.WARNING, "userinfo of " + providerId + " answered HTTP " + answer.status()
                        + (info.isEmpty() ? " without a JSON object" : " for another subject"));
                throw new OidcException(OidcFailure.USER_INFO_FAILED);
            }
            Map<String, Object> merged = new HashMap<>(claims);
            ObjectNode userinfo = info.get();
            // The e-mail and its verification come together from one source, never mixed.
            merged.remove("email_verified");
            Json.text(userinfo, "email").ifPresent(e -> merged.put("email", e));
            if (userinfo.path("email_verified").isBoolean()) {
                merged.put("email_verified", userinfo.get("email_verified").asBoolean());
            } else {
                Json.text(userinfo, "email_verified").ifPresent(v -> merged.put("email_verified", v));
            }
            Json.text(userinfo, "name").ifPresent(n -> merged.putIfAbsent("name", n));
            Json.text(userinfo, "picture").ifPresent(p -> merged.putIfAbsent("picture", p));
            return merged;
        }
    }
}
