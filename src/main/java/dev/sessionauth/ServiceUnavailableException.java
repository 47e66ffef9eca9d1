package dev.sessionauth;

/**
 * Something SessionAuth depends on (the store) could not be reached or failed: answered as 503
 * {@code SERVICE_UNAVAILABLE}, never as the user's fault. The message is for the log, never for the client.
 */
public class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
