package dev.sessionauth.passkey;

import java.util.Optional;

/**
 * The kind of authenticator a registration asks for, as Better Auth's client passes it in the
 * {@code authenticatorAttachment} query parameter of {@code /passkey/generate-register-options}.
 */
public enum AuthenticatorAttachment {
    /** Built into the device (Touch ID, Windows Hello, an Android phone's screen lock). */
    PLATFORM("platform"),
    /** Roaming: a security key, or a phone used from another device. */
    CROSS_PLATFORM("cross-platform");

    private final String wire;

    AuthenticatorAttachment(String wire) {
        this.wire = wire;
    }

    /** The WebAuthn string. */
    public String wire() {
        return wire;
    }

    /**
     * The attachment a query parameter names; empty for anything else, which Better Auth answers with
     * {@code 400 VALIDATION_ERROR}.
     */
    public static Optional<AuthenticatorAttachment> parse(String wire) {
        for (AuthenticatorAttachment a : values()) {
            if (a.wire.equals(wire)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
