package dev.sessionauth;

import java.util.Objects;

/**
 * A refusal with a well-known {@link ErrorCode}: the code says what went wrong and carries its HTTP status.
 * The message is safe to show to the client; it never contains a token, a password or a stack trace.
 */
public final class AuthException extends RuntimeException {
    private final ErrorCode code;

    public AuthException(ErrorCode code) {
        this(code, code.defaultMessage());
    }

    public AuthException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public AuthException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What went wrong. */
    public ErrorCode code() {
        return code;
    }

    /** The HTTP status of {@link #code()}. */
    public int status() {
        return code.status();
    }
}
