package dev.sessionauth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal with a well-known {@link ErrorCode}: the code says what went wrong and carries its HTTP status.
 * The message is safe to show to the client; it never contains a token, a password or a stack trace. A throttle's
 * refusal ({@code TOO_MANY_REQUESTS}) also says how long to wait ({@link #retryAfter()}).
 */
public final class AuthException extends RuntimeException {
    private final ErrorCode code;
    private final Duration retryAfter;

    /** The failure {@code code} with its standard message. */
    public AuthException(ErrorCode code) {
        this(code, code.defaultMessage());
    }

    /** The failure {@code code} with a message of its own (shown to the client; never secrets). */
    public AuthException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = null;
    }

    /** The failure {@code code} with a message and the exception that caused it (logged, never shown). */
    public AuthException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = null;
    }

    private AuthException(ErrorCode code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** A throttle's refusal: {@code TOO_MANY_REQUESTS}, to be tried again after {@code retryAfter}. */
    public static AuthException tooManyRequests(String message, Duration retryAfter) {
        return new AuthException(ErrorCode.TOO_MANY_REQUESTS, message, retryAfter);
    }

    /** A refusal that lasts until a lock ends ({@code ACCOUNT_TEMPORARILY_LOCKED}): try again after {@code retryAfter}. */
    public static AuthException retryAfter(ErrorCode code, String message, Duration retryAfter) {
        return new AuthException(code, message, retryAfter);
    }

    /** What went wrong. */
    public ErrorCode code() {
        return code;
    }

    /** The HTTP status of {@link #code()}. */
    public int status() {
        return code.status();
    }

    /** How long a throttled or locked-out caller should wait before trying again; empty for every other refusal. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@link #retryAfter()} in whole seconds, rounded up and at least 1 (0 would invite an immediate retry). */
    public long retryAfterSeconds() {
        Duration wait = retryAfter == null ? Duration.ZERO : retryAfter;
        return Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
    }
}
