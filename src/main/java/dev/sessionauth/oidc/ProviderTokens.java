package dev.sessionauth.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The provider's tokens kept on one provider account (Better Auth's {@code accessToken}, {@code refreshToken},
 * {@code idToken}, {@code accessTokenExpiresAt}, {@code refreshTokenExpiresAt} and {@code scope} of its account row):
 * as the app reads them, or sealed as {@link ProviderTokenStore} keeps them. {@link #toString()} shows no token.
 */
record ProviderTokens(Optional<String> accessToken, Optional<String> refreshToken, Optional<String> idToken,
        Optional<Instant> accessTokenExpiresAt, Optional<Instant> refreshTokenExpiresAt, List<String> scopes) {

    ProviderTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        scopes = List.copyOf(scopes);
    }

    /** What a sign-in at {@code now} obtained; the granted scope when the provider names it, else the requested one. */
    static ProviderTokens granted(Tokens tokens, List<String> requestedScopes, Instant now) {
        List<String> scopes = tokens.scope().map(ProviderTokens::parseScope).filter(s -> !s.isEmpty())
                .orElse(requestedScopes);
        return new ProviderTokens(Optional.of(tokens.accessToken()), tokens.refreshToken(), tokens.idToken(),
                tokens.expiresIn().map(now::plus), tokens.refreshExpiresIn().map(now::plus), scopes);
    }

    /**
     * These tokens after a refresh at {@code now} answered {@code fresh}, as Better Auth keeps them: the new access
     * token and its expiry; the old refresh token (and its expiry) and ID token when the provider sent none; the
     * scope unchanged (a refresh answer may name a narrower one, which does not make the stored grant narrower).
     */
    ProviderTokens refreshed(Tokens fresh, Instant now) {
        return new ProviderTokens(Optional.of(fresh.accessToken()), fresh.refreshToken().or(() -> refreshToken),
                fresh.idToken().or(() -> idToken), fresh.expiresIn().map(now::plus),
                fresh.refreshExpiresIn().map(now::plus).or(() -> refreshTokenExpiresAt), scopes);
    }

    /**
     * What an app's sign-in (or link) with an ID token leaves: the ID token, and the access and refresh tokens the app
     * sent beside it, over what was kept ({@code kept}) as Better Auth updates the account (a token not sent stays).
     * A new access token comes without an expiry (the app does not say one; Better Auth ignores {@code expiresAt}),
     * so it is never refreshed early on the old one's expiry.
     */
    static ProviderTokens fromApp(String idToken, Optional<String> accessToken, Optional<String> refreshToken,
            Optional<ProviderTokens> kept) {
        Optional<Instant> accessExpiry = accessToken.isPresent() ? Optional.empty()
                : kept.flatMap(ProviderTokens::accessTokenExpiresAt);
        Optional<Instant> refreshExpiry = refreshToken.isPresent() ? Optional.empty()
                : kept.flatMap(ProviderTokens::refreshTokenExpiresAt);
        return new ProviderTokens(accessToken.or(() -> kept.flatMap(ProviderTokens::accessToken)),
                refreshToken.or(() -> kept.flatMap(ProviderTokens::refreshToken)), Optional.of(idToken), accessExpiry,
                refreshExpiry, kept.map(ProviderTokens::scopes).orElse(List.of()));
    }

    /** The same with each token passed through {@code change} (sealing or opening them). */
    ProviderTokens withTokens(UnaryOperator<String> change) {
        return new ProviderTokens(accessToken.map(change), refreshToken.map(change), idToken.map(change),
                accessTokenExpiresAt, refreshTokenExpiresAt, scopes);
    }

    /** The scope as stored and answered in Better Auth's {@code scope}: comma-separated. */
    String scope() {
        return String.join(",", scopes);
    }

    /** A scope as a token endpoint (space-separated) or the store (comma-separated) writes it. */
    static List<String> parseScope(String scope) {
        return java.util.Arrays.stream(scope.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    @Override
    public String toString() {
        return "ProviderTokens[accessToken=" + (accessToken.isPresent() ? "***" : "none") + ", refreshToken="
                + (refreshToken.isPresent() ? "***" : "none") + ", accessTokenExpiresAt="
                + accessTokenExpiresAt.orElse(null) + ", scopes=" + scopes + "]";
    }
}
