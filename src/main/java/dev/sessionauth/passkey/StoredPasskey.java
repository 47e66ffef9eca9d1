package dev.sessionauth.passkey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What sign-in verification needs of a stored passkey: its owner, its id, its public key and its last signature
 * counter. Better Auth's row has these as {@code userId}, {@code credentialID}, {@code publicKey} and
 * {@code counter}.
 *
 * @param userId       the owner; a sign-in whose user handle names someone else is refused
 * @param credentialId base64url without padding
 * @param publicKey    the COSE_Key bytes in standard base64, as {@link NewPasskey#publicKey()}
 * @param counter      the signature counter last seen
 */
public record StoredPasskey(String userId, String credentialId, String publicKey, long counter) {
    /** Checks the encodings. */
    public StoredPasskey {
        Objects.requireNonNull(userId, "userId");
        if (userId.isEmpty() || userId.getBytes(StandardCharsets.UTF_8).length > PasskeyUser.MAX_ID_BYTES) {
            throw new IllegalArgumentException("a passkey's owner id is 1 to 64 bytes");
        }
        Base64Url.requireValid(credentialId, "credentialId");
        Base64.getDecoder().decode(Objects.requireNonNull(publicKey, "publicKey"));
        if (counter < 0 || counter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a signature counter is an unsigned 32-bit number");
        }
    }
}
