package dev.sessionauth.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Exchanges an authorization code at the provider's token endpoint (RFC 6749 §4.1.3 with the PKCE verifier, RFC 7636
 * §4.5), and a refresh token for new tokens (RFC 6749 §6): a form POST authenticated with the client secret (HTTP Basic over the form-encoded id and secret, RFC 6749
 * §2.3.1, or both in the body), within the HTTP timeouts. Every way it can go wrong is an {@link OidcException}
 * (Better Auth's {@code invalid_code} on the wire): the provider refusing the code, refusing our credentials, failing,
 * answering something that is not JSON, not answering, or (for OpenID Connect) answering without an ID token. The
 * provider's own text never reaches the exception; error bodies are logged at DEBUG, truncated, and a successful
 * body (which holds tokens) never.
 */
public final class TokenClient {
    private static final System.Logger LOG = System.getLogger(TokenClient.class.getName());
    private static final Set<String> CODE_REFUSED = Set.of("invalid_grant", "bad_verification_code");
    private static final Set<String> CLIENT_REFUSED =
            Set.of("invalid_client", "unauthorized_client", "incorrect_client_credentials");

    private final ProviderSettings settings;
    private final URI tokenEndpoint;
    private final OidcHttp http;

    /** Exchanges codes of the provider {@code settings} at {@code tokenEndpoint}. */
    public TokenClient(ProviderSettings settings, URI tokenEndpoint, OidcHttp http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * The tokens for {@code code}, which the provider sent to {@code redirectUri} for the sign-in whose PKCE verifier
     * is {@code codeVerifier}.
     *
     * @throws OidcException whenever the exchange does not yield the tokens
     */
    public Tokens exchange(String code, URI redirectUri, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", Objects.requireNonNull(code, "code"));
        form.put("redirect_uri", redirectUri.toString());
        // Always sent: a provider that checks PKCE only when a verifier comes must never see an exchange without one.
        form.put("code_verifier", Objects.requireNonNull(codeVerifier, "codeVerifier"));
        return post(form, true);
    }

    /**
     * New tokens for {@code refreshToken} (RFC 6749 §6), authenticated as the code exchange is. The answer need not
     * carry an ID token or a new refresh token (the caller keeps the old one then).
     *
     * @throws OidcException whenever the provider does not yield a new access token ({@link OidcFailure#INVALID_CODE}
     *     when it refuses the refresh token: expired, revoked, or rotated away)
     */
    public Tokens refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        return post(form, false);
    }

    private Tokens post(Map<String, String> form, boolean idTokenRequired) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (settings.tokenAuth() == ProviderSettings.TokenAuth.CLIENT_SECRET_BASIC) {
            headers.put("Authorization", basic(settings.clientId(), settings.clientSecret()));
        } else {
            form.put("client_id", settings.clientId());
            form.put("client_secret", settings.clientSecret());
        }

        OidcHttp.Answer answer;
        try {
            answer = http.postForm(tokenEndpoint, form, headers);
        } catch (OidcHttp.CallFailed e) {
            LOG.log(System.Logger.Level.WARNING, "token endpoint of " + settings.id() + ": " + e.getMessage());
            throw new OidcException(e.kind() == OidcHttp.CallFailed.Kind.TOO_LARGE ? OidcFailure.TOKEN_ENDPOINT_FAILED
                    : OidcFailure.TOKEN_ENDPOINT_UNREACHABLE);
        }
        return read(answer, idTokenRequired);
    }

    /** {@code Basic base64(urlencode(id) ":" urlencode(secret))}, RFC 6749 §2.3.1. */
    static String basic(String clientId, String clientSecret) {
        String pair = OidcHttp.encode(clientId) + ":" + OidcHttp.encode(clientSecret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private Tokens read(OidcHttp.Answer answer, boolean idTokenRequired) {
        if (answer.status() >= 300 && answer.status() < 400) {
            LOG.log(System.Logger.Level.WARNING, "token endpoint of " + settings.id() + " redirected (HTTP "
                    + answer.status() + "); redirects are not followed");
            throw new OidcException(OidcFailure.TOKEN_ENDPOINT_FAILED);
        }
        if (answer.status() >= 500) {
            logErrorBody(answer);
            throw new OidcException(OidcFailure.TOKEN_ENDPOINT_FAILED);
        }
        Optional<ObjectNode> json = Json.object(answer.body());
        if (!answer.ok()) {
            logErrorBody(answer);
            throw new OidcException(json.flatMap(j -> Json.text(j, "error")).map(this::refusal)
                    .orElse(OidcFailure.TOKEN_REQUEST_REFUSED));
        }
        if (json.isEmpty()) {
            // A 2xx body may hold tokens (GitHub answers form-encoded without Accept: json): never logged.
            LOG.log(System.Logger.Level.WARNING, "token endpoint of " + settings.id() + " answered HTTP "
                    + answer.status() + " with " + (answer.contentType().isEmpty() ? "no content type"
                    : Urls.forLog(answer.contentType(), 80)) + ", not a JSON object");
            throw new OidcException(OidcFailure.TOKEN_ENDPOINT_FAILED);
        }
        ObjectNode body = json.get();
        Optional<String> error = Json.text(body, "error");
        if (error.isPresent()) {
            // GitHub reports a refused code with 200 and an error member.
            LOG.log(System.Logger.Level.DEBUG, () -> "token endpoint of " + settings.id() + " answered error "
                    + Urls.forLog(error.get(), 80));
            throw new OidcException(refusal(error.get()));
        }
        String accessToken = Json.text(body, "access_token").orElseThrow(() -> {
            LOG.log(System.Logger.Level.WARNING, "token endpoint of " + settings.id() + " answered without access_token");
            return new OidcException(OidcFailure.TOKEN_ENDPOINT_FAILED);
        });
        Optional<String> idToken = Json.text(body, "id_token");
        if (idTokenRequired && settings.isOpenIdConnect() && idToken.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "token endpoint of " + settings.id() + " answered without id_token"
                    + " (is openid among socialProviders." + settings.id() + ".scopes?)");
            throw new OidcException(OidcFailure.ID_TOKEN_MISSING);
        }
        return new Tokens(accessToken, idToken, Json.text(body, "refresh_token"), seconds(body, "expires_in"),
                seconds(body, "refresh_token_expires_in"), Json.text(body, "scope"));
    }

    /** A lifetime in seconds, as a number or (some providers) a numeric string; empty when absent or not positive. */
    private static Optional<Duration> seconds(ObjectNode body, String field) {
        com.fasterxml.jackson.databind.JsonNode node = body.get(field);
        long seconds;
        if (node != null && node.isIntegralNumber()) {
            seconds = node.asLong();
        } else if (node != null && node.isTextual() && node.textValue().matches("[0-9]{1,12}")) {
            seconds = Long.parseLong(node.textValue());
        } else {
            return Optional.empty();
        }
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }

    private OidcFailure refusal(String error) {
        if (CODE_REFUSED.contains(error)) {
            return OidcFailure.INVALID_CODE;
        }
        if (CLIENT_REFUSED.contains(error)) {
            LOG.log(System.Logger.Level.WARNING, "token endpoint of " + settings.id() + " refused the client"
                    + " credentials: check socialProviders." + settings.id() + ".clientId, .clientSecret and .tokenAuth");
            return OidcFailure.CLIENT_REJECTED;
        }
        return OidcFailure.TOKEN_REQUEST_REFUSED;
    }

    private void logErrorBody(OidcHttp.Answer answer) {
        LOG.log(System.Logger.Level.DEBUG, () -> "token endpoint of " + settings.id() + " answered HTTP "
                + answer.status() + ": " + Urls.forLog(answer.body(), 300));
    }
}
