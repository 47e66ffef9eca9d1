package dev.sessionauth.oidc;

import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a provider's authorization URL (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1, RFC 7636): authorization
 * code flow with {@code state} (login CSRF), {@code nonce} (ID token replay; OpenID Connect only) and a PKCE S256
 * challenge (code interception), each from 256 random bits of {@link SecureRandom}; the provider's scopes plus any
 * extra ones; optional {@code login_hint} and {@code prompt}; {@code response_mode=form_post} when the provider is
 * configured so. Parameters come in Better Auth's order.
 */
public final class AuthorizationRequest {
    private final ProviderSettings settings;
    private final URI authorizationEndpoint;
    private final SecureRandom random;

    /** Requests to {@code authorizationEndpoint} (from discovery, or GitHub's) for the provider {@code settings}. */
    public AuthorizationRequest(ProviderSettings settings, URI authorizationEndpoint, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authorizationEndpoint = Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A new sign-in that returns to {@code redirectUri} (the callback, e.g. {@code https://app.example/api/auth/
     * callback/google}; the code exchange must send the same one).
     *
     * @throws IllegalArgumentException if {@code redirectUri} is not an absolute http(s) URL without fragment
     */
    public AuthorizationRedirect create(URI redirectUri, AuthorizationOptions options) {
        checkRedirectUri(redirectUri);
        String state = Secrets.random(random);
        String nonce = Secrets.random(random);
        String codeVerifier = Secrets.random(random);
        Set<String> scopes = new LinkedHashSet<>(settings.scopes());
        scopes.addAll(options.extraScopes());

        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("state", state);
        query.put("scope", String.join(" ", scopes));
        query.put("redirect_uri", redirectUri.toString());
        options.loginHint().ifPresent(hint -> query.put("login_hint", hint));
        if (settings.isOpenIdConnect()) {
            // Sent on every OpenID Connect sign-in: the ID token must echo it, which binds it to this browser's sign-in.
            query.put("nonce", nonce);
        }
        options.prompt().ifPresent(prompt -> query.put("prompt", prompt));
        if (settings.responseMode() == ProviderSettings.ResponseMode.FORM_POST) {
            query.put("response_mode", settings.responseMode().value());
        }
        query.put("code_challenge_method", "S256");
        query.put("code_challenge", Secrets.s256(codeVerifier));
        // Last, and never over a parameter set above (AuthorizationOptions refuses those names anyway).
        options.extraParameters().forEach(query::putIfAbsent);

        String base = authorizationEndpoint.toString();
        URI url = URI.create(base + (authorizationEndpoint.getRawQuery() == null ? "?" : "&")
                + OidcHttp.formEncode(query));
        return new AuthorizationRedirect(url, new PendingAuthorization(settings.id(), state, nonce, codeVerifier));
    }

    /** Checks {@code redirectUri} is an absolute http(s) URL without fragment. */
    static void checkRedirectUri(URI redirectUri) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        String scheme = redirectUri.getScheme() == null ? "" : redirectUri.getScheme().toLowerCase(Locale.ROOT);
        if (!redirectUri.isAbsolute() || redirectUri.getHost() == null || redirectUri.getRawFragment() != null
                || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("redirectUri must be an absolute http(s) URL without fragment");
        }
    }
}
