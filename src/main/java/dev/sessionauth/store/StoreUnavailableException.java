package dev.sessionauth.store;

import dev.sessionauth.ServiceUnavailableException;

/**
 * The store could not be reached or failed; answered as 503 {@code SERVICE_UNAVAILABLE}, never as the user's fault.
 * Above the store it is known as the engine's {@link ServiceUnavailableException}, so the web layer never deals in
 * store types.
 */
public final class StoreUnavailableException extends ServiceUnavailableException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
