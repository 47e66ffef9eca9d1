package dev.sessionauth.passkey;

import java.util.Objects;

/**
 * The two verifiers of one relying party, sharing one webauthn4j set-up. Made by
 * {@link PasskeySupport#verifiers(RelyingParty)}; build once at start-up and keep (both are thread-safe).
 *
 * @param registration   checks a new passkey
 * @param authentication checks a sign-in
 */
public record PasskeyVerifiers(RegistrationVerifier registration, AuthenticationVerifier authentication) {
    /** Both are required. */
    public PasskeyVerifiers {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(authentication, "authentication");
    }
}
