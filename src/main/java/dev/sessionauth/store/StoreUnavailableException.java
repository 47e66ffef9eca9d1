package dev.sessionauth.store;

/** The store could not be reached or failed; answered as 503 {@code SERVICE_UNAVAILABLE}, never as the user's fault. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
