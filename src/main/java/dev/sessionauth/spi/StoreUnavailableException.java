package dev.sessionauth.spi;

/**
 * The store could not be reached or failed: answered as 503 {@code SERVICE_UNAVAILABLE}, never as the user's fault.
 * The message is for the log, never for the client. A store an app implements throws it for every failure of its
 * backend.
 */
public final class StoreUnavailableException extends RuntimeException {
    /** The store could not be reached while it was asked to do what {@code message} says. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
