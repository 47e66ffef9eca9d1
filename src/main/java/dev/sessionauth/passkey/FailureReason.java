package dev.sessionauth.passkey;

/**
 * Why a browser's WebAuthn response was refused, for logs, metrics and tests. It never reaches the client: the client
 * gets the {@link PasskeyErrorCode} of the ceremony, as Better Auth answers it.
 */
public enum FailureReason {
    /** Not the JSON of a public-key credential, undecodable base64url, CBOR or clientDataJSON, or a missing field. */
    MALFORMED_RESPONSE,
    /** clientDataJSON's type is the other ceremony's ({@code webauthn.get} posted to registration, or the reverse). */
    WRONG_CEREMONY,
    /** The response answers another challenge than the one issued for this ceremony (a replay, or another tab's). */
    CHALLENGE_MISMATCH,
    /** clientDataJSON names an origin that is not the relying party's, or the ceremony ran in a cross-origin frame. */
    ORIGIN_MISMATCH,
    /** The authenticator data is for another RP ID. */
    RP_ID_MISMATCH,
    /** The authenticator did not report the user's presence (UP flag). */
    USER_NOT_PRESENT,
    /** User verification was required and the authenticator did not verify the user (UV flag). */
    USER_NOT_VERIFIED,
    /** The new key's algorithm is not one the options offered. */
    UNSUPPORTED_ALGORITHM,
    /** The attestation statement does not verify. */
    BAD_ATTESTATION,
    /** The assertion's signature does not verify with the stored public key. */
    BAD_SIGNATURE,
    /** The response is for another credential than the stored passkey it is checked against, or its ids disagree. */
    CREDENTIAL_MISMATCH,
    /** The sign-in's user handle names another user than the passkey's owner. */
    USER_HANDLE_MISMATCH,
    /**
     * The signature counter did not increase over the stored one: two copies of the authenticator may be in use, or
     * an assertion was replayed. Logged at WARNING with the credential id.
     */
    CLONED_AUTHENTICATOR,
    /** The backup flags are inconsistent (backed up but not backup-eligible). */
    BAD_BACKUP_FLAGS,
    /** The stored public key could not be read back (a damaged row); logged at WARNING. */
    UNREADABLE_STORED_KEY,
    /** Any other check of the WebAuthn verification failed. */
    OTHER
}
