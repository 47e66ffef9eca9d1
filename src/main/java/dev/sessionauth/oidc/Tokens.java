package dev.sessionauth.oidc;

import java.util.Objects;
import java.util.Optional;

/**
 * What the token endpoint returned and SessionAuth uses: the access token (for the userinfo endpoint or GitHub's API,
 * then dropped; never stored) and the ID token of an OpenID Connect provider. {@link #toString()} shows neither.
 */
public record Tokens(String accessToken, Optional<String> idToken) {

    /** Both are required (the ID token as empty when the provider has none). */
    public Tokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(idToken, "idToken");
    }

    @Override
    public String toString() {
        return "Tokens[accessToken=***, idToken=" + (idToken.isPresent() ? "***" : "none") + "]";
    }
}
