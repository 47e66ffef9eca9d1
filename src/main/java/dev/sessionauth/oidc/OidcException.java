package dev.sessionauth.oidc;

import java.util.Objects;

/**
 * A social sign-in refused for a reason the {@link OidcFailure} names. The message is the failure's safe message;
 * no cause is attached, because provider bodies and parser messages can carry tokens (the details are logged at
 * DEBUG where they arise, truncated).
 */
public final class OidcException extends RuntimeException {
    private final OidcFailure failure;
    private final String callbackError;

    /** A refusal whose callback error is the failure's own Better Auth string. */
    public OidcException(OidcFailure failure) {
        this(failure, failure.callbackError());
    }

    /** A refusal with a checked callback error of its own (a provider's standard error code). */
    OidcException(OidcFailure failure, String callbackError) {
        super(Objects.requireNonNull(failure, "failure").message(), null, false, false);
        this.failure = failure;
        this.callbackError = Objects.requireNonNull(callbackError, "callbackError");
    }

    /** Why the sign-in was refused. */
    public OidcFailure failure() {
        return failure;
    }

    /**
     * The {@code error=} value for the callback redirect: the failure's Better Auth string, or for
     * {@link OidcFailure#PROVIDER_ERROR} the provider's code once checked against the standard codes.
     */
    public String callbackError() {
        return callbackError;
    }
}
