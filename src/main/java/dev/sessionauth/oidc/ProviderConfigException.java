package dev.sessionauth.oidc;

/**
 * A social provider's settings are wrong. The message names the setting ({@code socialProviders.<id>.<name>}),
 * what is wrong with its value and how to fix it; the configuration layer reports it at start-up as it does its own
 * mistakes.
 */
public final class ProviderConfigException extends RuntimeException {
    /** A mistake described by {@code message} (which names the setting and the fix). */
    public ProviderConfigException(String message) {
        super(message);
    }
}
