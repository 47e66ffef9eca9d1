package dev.sessionauth.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A social sign-in (or link) started in one browser and not yet back from the provider: the protocol's secrets, the
 * callback URL the code exchange must name again, where the browser goes afterwards, whether the session is
 * remembered, which user a link is for, and when it lapses. Kept encrypted in that browser's cookie, with its
 * {@code state} once in the verification store, so it works once, in that browser, for {@link SignInStates#LIFETIME}.
 * {@link #toString()} shows none of the secrets.
 *
 * @param authorization the provider, {@code state}, {@code nonce} and PKCE verifier
 * @param redirectUri   the callback URL sent to the provider ({@code <baseURL><basePath>/callback/<id>})
 * @param callbackUrl   where the browser goes once signed in (or linked)
 * @param errorUrl      where it goes when refused, if the client named a place
 * @param newUserUrl    where a user made by this sign-in goes instead of {@code callbackUrl}, if named
 * @param rememberMe    whether the session outlives the browser session
 * @param linkUserId    the signed-in user the identity is to be linked to ({@code /link-social}); empty for a sign-in
 * @param scopes        the scopes asked for, recorded with the account
 * @param expiresAt     when the sign-in lapses
 */
record PendingSignIn(PendingAuthorization authorization, String redirectUri, String callbackUrl,
        Optional<String> errorUrl, Optional<String> newUserUrl, boolean rememberMe, Optional<String> linkUserId,
        List<String> scopes, Instant expiresAt) {

    PendingSignIn {
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(errorUrl, "errorUrl");
        Objects.requireNonNull(newUserUrl, "newUserUrl");
        Objects.requireNonNull(linkUserId, "linkUserId");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The provider's id. */
    String providerId() {
        return authorization.providerId();
    }

    /** Whether this links an identity to a signed-in user rather than signing one in. */
    boolean isLink() {
        return linkUserId.isPresent();
    }

    @Override
    public String toString() {
        return "PendingSignIn[provider=" + providerId() + (isLink() ? ", link" : "") + ", expiresAt=" + expiresAt + "]";
    }
}
