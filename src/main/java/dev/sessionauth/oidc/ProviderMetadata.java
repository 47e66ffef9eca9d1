package dev.sessionauth.oidc;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider's discovery document says (OpenID Connect Discovery 1.0 §3, RFC 9207 §3), as far as SessionAuth
 * uses it. Lists the document omits are empty; {@link #idTokenSigningAlgorithms()} is then {@code RS256}, the one
 * algorithm every provider must support.
 */
public record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
        Optional<URI> userinfoEndpoint, List<String> idTokenSigningAlgorithms, List<String> codeChallengeMethods,
        List<String> responseModes, List<String> tokenEndpointAuthMethods, boolean issParameterSupported) {

    /** Copies the lists. */
    public ProviderMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(userinfoEndpoint, "userinfoEndpoint");
        idTokenSigningAlgorithms = idTokenSigningAlgorithms.isEmpty() ? List.of("RS256")
                : List.copyOf(idTokenSigningAlgorithms);
        codeChallengeMethods = List.copyOf(codeChallengeMethods);
        responseModes = List.copyOf(responseModes);
        tokenEndpointAuthMethods = List.copyOf(tokenEndpointAuthMethods);
    }

    /**
     * Whether the provider answers with {@code responseMode}: listed, or (when the document lists none) one of the
     * defaults {@code query} and {@code fragment}.
     */
    public boolean supportsResponseMode(ProviderSettings.ResponseMode responseMode) {
        return responseModes.isEmpty() ? responseMode == ProviderSettings.ResponseMode.QUERY
                : responseModes.contains(responseMode.value());
    }
}
