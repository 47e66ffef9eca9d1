package dev.sessionauth.oidc;

import java.util.Objects;

/**
 * A provider could not be used right now: its discovery document or its keys could not be fetched, were not JSON,
 * or named another issuer. The caller answers 503 {@code SERVICE_UNAVAILABLE} (the user is not at fault and may try
 * again). The message is ours, never a library's, and is meant for the log; it names the provider and the URL.
 */
public final class ProviderUnavailableException extends RuntimeException {
    private final String providerId;

    /** {@code providerId} could not be used for the reason {@code message} says. */
    public ProviderUnavailableException(String providerId, String message) {
        super(message, null, false, false);
        this.providerId = Objects.requireNonNull(providerId, "providerId");
    }

    /** The provider's id ({@code socialProviders.<id>}). */
    public String providerId() {
        return providerId;
    }
}
