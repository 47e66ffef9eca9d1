package dev.sessionauth.config;

/**
 * A configuration mistake found at start-up. The message names the setting, what is wrong with its value,
 * where the value came from and how to fix it.
 */
public final class ConfigException extends RuntimeException {
    /** A configuration mistake; {@code message} names the setting and the fix. */
    public ConfigException(String message) {
        super(message);
    }
}
