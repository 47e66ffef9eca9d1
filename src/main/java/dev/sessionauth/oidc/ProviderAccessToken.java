package dev.sessionauth.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's access token for calling its APIs as the user ({@link SocialSignIn#accessToken}), with when it expires
 * (if the provider said), the scopes granted and the provider's ID token. {@link #toString()} shows neither token.
 */
public record ProviderAccessToken(String accessToken, Optional<Instant> expiresAt, List<String> scopes,
        Optional<String> idToken) {

    /** All are required (as empty when the provider did not say). */
    public ProviderAccessToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(idToken, "idToken");
    }

    @Override
    public String toString() {
        return "ProviderAccessToken[accessToken=***, expiresAt=" + expiresAt.orElse(null) + ", scopes=" + scopes + "]";
    }
}
