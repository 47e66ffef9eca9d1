package dev.sessionauth.passkey;

import java.util.Objects;
import java.util.Optional;

/**
 * A refused passkey operation: a {@link PasskeyErrorCode} for the client (with Better Auth's message and status) and,
 * for a refused WebAuthn response, the {@link FailureReason} for the server's own use. The message is always the
 * code's: no library's text (webauthn4j's messages quote challenges and origins) ever reaches it; the verifiers log
 * the detail at DEBUG instead. No stack trace is taken: these are expected outcomes, not bugs.
 */
public final class PasskeyException extends RuntimeException {
    private final PasskeyErrorCode code;
    private final FailureReason reason;
    private final int status;

    /** A refusal that is not about a WebAuthn response (no challenge, no such passkey, …). */
    public PasskeyException(PasskeyErrorCode code) {
        this(code, null, code.status());
    }

    PasskeyException(PasskeyErrorCode code, FailureReason reason, int status) {
        super(code.message(), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.reason = reason;
        this.status = status;
    }

    /** What the client is told. */
    public PasskeyErrorCode code() {
        return code;
    }

    /** Why the WebAuthn response was refused; empty for refusals of another kind. */
    public Optional<FailureReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** The HTTP status to answer with: the code's, except 401 for a bad sign-in signature, as Better Auth does. */
    public int status() {
        return status;
    }
}
