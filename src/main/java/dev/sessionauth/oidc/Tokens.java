package dev.sessionauth.oidc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the token endpoint returned (RFC 6749 §5.1): the access token, the ID token of an OpenID Connect provider, and
 * what the provider says besides (a refresh token, the lifetimes of both tokens, the granted scope), which SessionAuth
 * keeps encrypted on the user's provider account ({@link ProviderTokenVault}). {@link #toString()} shows no token.
 */
public record Tokens(String accessToken, Optional<String> idToken, Optional<String> refreshToken,
        Optional<Duration> expiresIn, Optional<Duration> refreshExpiresIn, Optional<String> scope) {

    /** All are required (as empty when the provider sent none). */
    public Tokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(refreshExpiresIn, "refreshExpiresIn");
        Objects.requireNonNull(scope, "scope");
    }

    /** Only an access token and (perhaps) an ID token, as a provider that says nothing more answers. */
    public Tokens(String accessToken, Optional<String> idToken) {
        this(accessToken, idToken, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "Tokens[accessToken=***, idToken=" + (idToken.isPresent() ? "***" : "none") + ", refreshToken="
                + (refreshToken.isPresent() ? "***" : "none") + ", expiresIn=" + expiresIn.orElse(null) + "]";
    }
}
