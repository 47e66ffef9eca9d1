package dev.sessionauth.oidc;

import dev.sessionauth.spi.LinkedAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;

/**
 * The Java API of sign-in with an identity provider ({@code socialProviders}), found with
 * {@code SessionAuth.feature(SocialSignIn.class)} when at least one provider is configured: the providers to offer,
 * where their buttons post, a sign-in started from the app's own code, a user's linked accounts and the provider's
 * access token of one of them.
 */
public interface SocialSignIn {
    /** The configured providers, in the order {@code socialProviders} lists them. */
    List<SocialProvider> providers();

    /** Where a sign-in form posts, below the context path: {@code <basePath>/sign-in/social}. */
    String signInPath();

    /**
     * Starts a sign-in with {@code providerId} that returns to {@code callbackURL} (a path in the app or a URL on a
     * trusted origin): binds the pending sign-in to this browser (its cookie goes on {@code response}) and returns
     * the provider's URL to send the browser to.
     *
     * @throws dev.sessionauth.AuthException {@code PROVIDER_NOT_FOUND}, {@code SERVICE_UNAVAILABLE} while the
     *     provider's discovery has not loaded, {@code INVALID_ORIGIN} for an untrusted callback URL
     */
    URI startSignIn(HttpServletRequest request, HttpServletResponse response, String providerId, String callbackURL);

    /** The provider accounts linked to the user, oldest first (without the provider's tokens: see {@link #accessToken}). */
    List<LinkedAccount> accounts(String userId);

    /**
     * The provider's access token of the user's account at {@code providerId}, to call the provider's APIs as the
     * user (Better Auth's server-side {@code auth.api.getAccessToken({body: {providerId, userId}})}): refreshed at the
     * provider first, and kept, when it expires within five seconds and a refresh token is kept.
     *
     * @throws dev.sessionauth.AuthException {@code ACCOUNT_NOT_FOUND} (no account of the user there),
     *     {@code PROVIDER_NOT_SUPPORTED}, {@code ACCESS_TOKEN_NOT_FOUND}, {@code FAILED_TO_GET_ACCESS_TOKEN} (the
     *     provider refused the refresh), {@code SERVICE_UNAVAILABLE} (the provider failed or cannot be reached)
     */
    ProviderAccessToken accessToken(String userId, String providerId);
}
