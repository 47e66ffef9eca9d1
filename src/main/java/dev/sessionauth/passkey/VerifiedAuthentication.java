package dev.sessionauth.passkey;

import java.util.Objects;
import java.util.Optional;

/**
 * A sign-in that passed verification. The integration stores {@link #newCounter()} on the passkey (Better Auth does)
 * and signs in the passkey's owner.
 *
 * @param credentialId the passkey used, base64url
 * @param newCounter   the signature counter the authenticator presented: the passkey's counter from now on
 * @param userHandle   the user handle the authenticator returned (base64url), present for discoverable passkeys;
 *                     already checked to be the owner's
 * @param userVerified whether the authenticator verified the user (the UV flag)
 * @param backedUp     whether the passkey is backed up now (the BS flag)
 */
public record VerifiedAuthentication(String credentialId, long newCounter, Optional<String> userHandle,
        boolean userVerified, boolean backedUp) {
    /** Checks that no component is null. */
    public VerifiedAuthentication {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(userHandle, "userHandle");
    }
}
