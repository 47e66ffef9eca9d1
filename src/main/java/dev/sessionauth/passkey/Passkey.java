package dev.sessionauth.passkey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered passkey as it is kept: Better Auth's {@code passkey} row, field for field, shown on the wire by
 * {@code list-user-passkeys}, {@code verify-registration} and {@code update-passkey} and by the Java API
 * ({@link Passkeys}). Nothing in it is secret: the public key is public, the credential id is what the browser names.
 *
 * @param id           our handle for it (what {@code delete-passkey} and {@code update-passkey} take)
 * @param name         the label its owner gave it, if any
 * @param userId       its owner
 * @param credentialId the WebAuthn credential id, base64url without padding; unique
 * @param publicKey    the COSE_Key in standard base64, as Better Auth stores it
 * @param counter      the signature counter last seen
 * @param deviceType   synced or not (from the backup-eligible flag at registration)
 * @param backedUp     whether it was backed up at registration (the BS flag)
 * @param transports   how the browser reached the authenticator, comma-joined ({@code ""} when none were reported)
 * @param createdAt    when it was registered
 * @param aaguid       the authenticator model, a lower-case UUID (all zeros when the model is not disclosed)
 */
public record Passkey(String id, Optional<String> name, String userId, String credentialId, String publicKey,
        long counter, DeviceType deviceType, boolean backedUp, String transports, Instant createdAt, String aaguid) {
    /** No component is null. */
    public Passkey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(transports, "transports");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(aaguid, "aaguid");
    }

    /** A passkey that has just passed registration, for {@code userId}. */
    static Passkey registered(String id, Optional<String> name, String userId, NewPasskey verified, Instant now) {
        return new Passkey(id, name, userId, verified.credentialId(), verified.publicKey(), verified.counter(),
                verified.deviceType(), verified.backedUp(), verified.transportsJoined(), now, verified.aaguid());
    }

    /** What sign-in verification reads of it. */
    StoredPasskey stored() {
        return new StoredPasskey(userId, credentialId, publicKey, counter);
    }

    /** Its descriptor for the options' {@code excludeCredentials} / {@code allowCredentials}. */
    CredentialDescriptor descriptor() {
        return CredentialDescriptor.of(credentialId, transports);
    }

    /** This passkey with another counter. */
    Passkey withCounter(long newCounter) {
        return new Passkey(id, name, userId, credentialId, publicKey, newCounter, deviceType, backedUp, transports,
                createdAt, aaguid);
    }

    /** This passkey with another label. */
    Passkey withName(String newName) {
        return new Passkey(id, Optional.of(newName), userId, credentialId, publicKey, counter, deviceType, backedUp,
                transports, createdAt, aaguid);
    }
}
