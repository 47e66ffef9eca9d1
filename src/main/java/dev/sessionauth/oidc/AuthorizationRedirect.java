package dev.sessionauth.oidc;

import java.net.URI;
import java.util.Objects;

/**
 * A started sign-in: the provider's authorization URL to send the browser to (Better Auth's
 * {@code {"url": …, "redirect": true}}) and the {@link PendingAuthorization} to remember until the callback.
 * {@link #toString()} shows the endpoint only, since the URL carries the state and nonce.
 */
public record AuthorizationRedirect(URI url, PendingAuthorization pending) {

    /** Both are required. */
    public AuthorizationRedirect {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(pending, "pending");
    }

    @Override
    public String toString() {
        return "AuthorizationRedirect[url=" + Urls.withoutQuery(url) + "?…, pending=" + pending + "]";
    }
}
