package dev.sessionauth.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches and checks a provider's discovery document ({@code <issuer>/.well-known/openid-configuration}): it must be
 * a JSON object whose {@code issuer} is the configured one (exactly; OpenID Connect Discovery §4.3, the defence
 * against a document that speaks for another provider) and whose endpoints are https URLs. Anything else is a
 * {@link ProviderUnavailableException} naming the provider, the URL and what was wrong.
 */
public final class Discovery {
    private static final System.Logger LOG = System.getLogger(Discovery.class.getName());

    private final OidcHttp http;

    /** Fetches through {@code http} (its timeouts apply). */
    public Discovery(OidcHttp http) {
        this.http = http;
    }

    /**
     * The metadata of provider {@code providerId}, reached through {@code protocol}.
     *
     * @throws ProviderUnavailableException if the document cannot be fetched, is not JSON, names another issuer or
     *     lacks a required endpoint
     */
    public ProviderMetadata fetch(String providerId, Protocol.OpenIdConnect protocol) {
        URI url = protocol.discoveryUrl();
        String where = "socialProviders." + providerId + ": the discovery document at " + url;
        OidcHttp.Answer answer;
        try {
            answer = http.get(url, Map.of("Accept", "application/json"));
        } catch (OidcHttp.CallFailed e) {
            throw new ProviderUnavailableException(providerId, where + " could not be fetched: " + e.getMessage());
        }
        if (answer.status() != 200) {
            LOG.log(System.Logger.Level.DEBUG, () -> "discovery of " + providerId + " answered " + answer.status()
                    + ": " + Urls.forLog(answer.body(), 200));
            throw new ProviderUnavailableException(providerId, where + " answered HTTP " + answer.status());
        }
        ObjectNode document = Json.object(answer.body()).orElseThrow(() -> {
            LOG.log(System.Logger.Level.DEBUG, () -> "discovery of " + providerId + " is not a JSON object: "
                    + Urls.forLog(answer.body(), 200));
            return new ProviderUnavailableException(providerId, where + " is not a JSON object");
        });
        String issuer = Json.text(document, "issuer").orElseThrow(
                () -> new ProviderUnavailableException(providerId, where + " has no issuer"));
        if (!protocol.issuerRule().acceptsDocumentIssuer(issuer)) {
            throw new ProviderUnavailableException(providerId, where + " names the issuer \""
                    + Urls.forLog(issuer, 200) + "\", not " + expected(protocol.issuerRule())
                    + ": check socialProviders." + providerId + ".issuer (it must be spelled exactly as the provider"
                    + " spells it)");
        }
        Optional<URI> userinfo = Json.text(document, "userinfo_endpoint").flatMap(Urls::endpoint);
        ProviderMetadata metadata = new ProviderMetadata(issuer,
                endpoint(document, "authorization_endpoint", providerId, where),
                endpoint(document, "token_endpoint", providerId, where),
                endpoint(document, "jwks_uri", providerId, where),
                userinfo,
                Json.texts(document, "id_token_signing_alg_values_supported"),
                Json.texts(document, "code_challenge_methods_supported"),
                Json.texts(document, "response_modes_supported"),
                Json.texts(document, "token_endpoint_auth_methods_supported"),
                document.path("authorization_response_iss_parameter_supported").booleanValue());
        if (Jwks.acceptedAlgorithms(metadata.idTokenSigningAlgorithms()).isEmpty()) {
            throw new ProviderUnavailableException(providerId, where + " advertises no ID token signing algorithm"
                    + " SessionAuth accepts (RS256/384/512, PS256/384/512, ES256/384/512)");
        }
        return metadata;
    }

    private static URI endpoint(ObjectNode document, String name, String providerId, String where) {
        Optional<String> value = Json.text(document, name);
        if (value.isEmpty()) {
            throw new ProviderUnavailableException(providerId, where + " has no " + name);
        }
        return Urls.endpoint(value.get()).orElseThrow(() -> new ProviderUnavailableException(providerId, where
                + " gives " + name + " \"" + Urls.forLog(value.get(), 200) + "\", which is not an https URL"));
    }

    private static String expected(IssuerRule rule) {
        if (rule instanceof IssuerRule.Exact exact) {
            return "the configured \"" + exact.issuer() + "\"";
        }
        IssuerRule.Microsoft microsoft = (IssuerRule.Microsoft) rule;
        return "Microsoft's issuer for the tenant \"" + microsoft.tenant() + "\" at " + microsoft.authority();
    }
}
