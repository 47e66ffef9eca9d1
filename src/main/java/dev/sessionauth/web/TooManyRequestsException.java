package dev.sessionauth.web;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import java.time.Duration;

/** A request one of the throttles refused, and how long the client should wait: answered 429 with Retry-After. */
final class TooManyRequestsException extends RuntimeException {
    private final Duration retryAfter;

    TooManyRequestsException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** {@code Retry-After} in whole seconds, rounded up and at least 1 (0 would invite an immediate retry). */
    long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** The refusal as the API's other errors are answered. */
    AuthException toAuthException() {
        return new AuthException(ErrorCode.TOO_MANY_REQUESTS, getMessage());
    }
}
