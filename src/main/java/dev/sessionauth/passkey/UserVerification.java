package dev.sessionauth.passkey;

/**
 * Whether the authenticator must verify the user (PIN, fingerprint, face) or only their presence (a touch). The same
 * value goes into the options the browser gets and into the verification of its answer, so an authenticator is never
 * asked for less than the server then demands.
 */
public enum UserVerification {
    /**
     * The authenticator must verify the user, and a response without the UV flag is refused. Use it for
     * passwordless sign-in, where the passkey is the only factor: possession alone would be a single factor.
     */
    REQUIRED("required"),
    /** Asked for but not demanded: Better Auth's default for both ceremonies. */
    PREFERRED("preferred");

    private final String wire;

    UserVerification(String wire) {
        this.wire = wire;
    }

    /** The WebAuthn {@code UserVerificationRequirement} string. */
    public String wire() {
        return wire;
    }

    boolean required() {
        return this == REQUIRED;
    }
}
