package dev.sessionauth.oidc;

import java.util.Objects;

/**
 * The secrets of one started sign-in that the caller must keep, bound to the browser that started it (in the
 * database or a signed, encrypted cookie), until the callback: the provider it went to, the {@code state} the
 * callback must return, the {@code nonce} the ID token must carry and the PKCE {@code codeVerifier} the code
 * exchange must prove. {@link #toString()} shows none of them, so logging this value leaks nothing.
 */
public record PendingAuthorization(String providerId, String state, String nonce, String codeVerifier) {

    /** All four are required and non-blank (a record restored from storage is checked the same way). */
    public PendingAuthorization {
        require(providerId, "providerId");
        require(state, "state");
        require(nonce, "nonce");
        require(codeVerifier, "codeVerifier");
    }

    private static void require(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    /** The provider only: the secrets never reach a log. */
    @Override
    public String toString() {
        return "PendingAuthorization[providerId=" + providerId + ", state=***, nonce=***, codeVerifier=***]";
    }
}
