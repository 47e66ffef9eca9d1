package dev.sessionauth.passkey;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A passkey that passed registration, ready to store: what Better Auth's {@code passkey} row keeps, in its formats,
 * so the row can be read back for sign-in ({@link #stored(String)}) and shown in Better Auth's JSON.
 *
 * @param credentialId the credential id, base64url without padding (Better Auth's {@code credentialID}); unique
 * @param publicKey    the credential's COSE_Key bytes in standard base64 with padding (Better Auth's
 *                     {@code publicKey}); all sign-in needs besides the id
 * @param counter      the signature counter at registration (0 for authenticators that keep none)
 * @param transports   how the browser reached the authenticator, as it reported them (may be empty)
 * @param aaguid       the authenticator model's AAGUID, lower-case UUID form (all zeros when not disclosed)
 * @param deviceType   synced or not, from the backup-eligible flag
 * @param backedUp     whether it is backed up now (the BS flag)
 * @param userVerified whether the authenticator verified the user at registration (the UV flag)
 */
public record NewPasskey(String credentialId, String publicKey, long counter, List<String> transports, String aaguid,
        DeviceType deviceType, boolean backedUp, boolean userVerified) {
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Checks the encodings, so a row written from it can be read back. */
    public NewPasskey {
        Base64Url.requireValid(credentialId, "credentialId");
        Objects.requireNonNull(publicKey, "publicKey");
        Base64.getDecoder().decode(publicKey);
        if (counter < 0 || counter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a signature counter is an unsigned 32-bit number");
        }
        transports = List.copyOf(transports);
        if (!UUID_SHAPE.matcher(Objects.requireNonNull(aaguid, "aaguid")).matches()) {
            throw new IllegalArgumentException("aaguid must be a lower-case UUID");
        }
        Objects.requireNonNull(deviceType, "deviceType");
    }

    /** The transports comma-joined, as Better Auth stores and shows them ({@code ""} when none). */
    public String transportsJoined() {
        return String.join(",", transports);
    }

    /** This passkey as a descriptor for later options' {@code excludeCredentials} / {@code allowCredentials}. */
    public CredentialDescriptor descriptor() {
        return new CredentialDescriptor(credentialId, transports);
    }

    /** This passkey as stored for {@code userId}, what sign-in verification reads back. */
    public StoredPasskey stored(String userId) {
        return new StoredPasskey(userId, credentialId, publicKey, counter);
    }
}
