package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.util.exception.WebAuthnException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Verifies a browser's registration response ({@code RegistrationResponseJSON}, the {@code response} of Better Auth's
 * {@code POST /passkey/verify-registration}) with webauthn4j and turns it into the {@link NewPasskey} to store.
 *
 * <p>Checked: the outer shape ({@code type}, {@code id} = {@code rawId}); clientDataJSON's type, challenge (the one
 * issued for this registration) and origin (one of the relying party's; not inside a cross-origin frame); the RP ID
 * hash; user presence, and user verification when {@link UserVerification#REQUIRED}; the key's algorithm (one of
 * those offered); the attestation statement's consistency; that the attested credential is the one posted. Every
 * refusal is a {@link PasskeyException} with {@link PasskeyErrorCode#FAILED_TO_VERIFY_REGISTRATION}; why is logged
 * at DEBUG and given by {@link PasskeyException#reason()}. Thread-safe.
 *
 * <p>webauthn4j-facing: obtain it from {@link PasskeySupport#verifiers(RelyingParty)}.
 */
public final class RegistrationVerifier {
    private static final System.Logger LOG = System.getLogger(RegistrationVerifier.class.getName());

    private final RelyingParty relyingParty;
    private final Webauthn4j webauthn4j;

    RegistrationVerifier(RelyingParty relyingParty, Webauthn4j webauthn4j) {
        this.relyingParty = Objects.requireNonNull(relyingParty, "relyingParty");
        this.webauthn4j = Objects.requireNonNull(webauthn4j, "webauthn4j");
    }

    /**
     * The passkey {@code response} registers, if it answers {@code expected} (the challenge issued with the options,
     * already taken out of storage: single use) for this relying party.
     *
     * @throws PasskeyException {@code FAILED_TO_VERIFY_REGISTRATION} when it does not
     */
    public NewPasskey verify(JsonNode response, Challenge expected, UserVerification userVerification) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(userVerification, "userVerification");
        PostedCredential posted = PostedCredential.read(response)
                .orElseThrow(() -> refused(FailureReason.MALFORMED_RESPONSE, "not a public-key credential with id = rawId"));
        RegistrationData data;
        try {
            data = webauthn4j.manager.verifyRegistrationResponseJSON(posted.json(), new RegistrationParameters(
                    webauthn4j.serverProperty(relyingParty, expected), webauthn4j.algorithms,
                    userVerification.required(), true));
        } catch (WebAuthnException e) {
            throw refused(Webauthn4j.reasonOf(e), Webauthn4j.detail(e));
        } catch (RuntimeException e) {
            // The input is the client's: whatever else the parser trips on is still a malformed response.
            throw refused(FailureReason.MALFORMED_RESPONSE, Webauthn4j.detail(e));
        }
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authData =
                data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authData.getAttestedCredentialData();
        if (credential == null || !Arrays.equals(credential.getCredentialId(), posted.rawId())) {
            throw refused(FailureReason.CREDENTIAL_MISMATCH, "the attested credential id is not the posted rawId");
        }
        UUID aaguid = credential.getAaguid().getValue();
        NewPasskey passkey = new NewPasskey(
                Base64Url.encode(credential.getCredentialId()),
                Base64.getEncoder().encodeToString(webauthn4j.encode(credential.getCOSEKey())),
                authData.getSignCount(),
                PostedCredential.transports(response),
                (aaguid == null ? new UUID(0, 0) : aaguid).toString(),
                authData.isFlagBE() ? DeviceType.MULTI_DEVICE : DeviceType.SINGLE_DEVICE,
                authData.isFlagBS(),
                authData.isFlagUV());
        LOG.log(Level.DEBUG, () -> "passkey " + passkey.credentialId() + " registered (" + passkey.deviceType().wire()
                + ", aaguid " + passkey.aaguid() + ")");
        return passkey;
    }

    private static PasskeyException refused(FailureReason reason, String detail) {
        LOG.log(Level.DEBUG, () -> "passkey registration refused, " + reason + ": " + detail);
        return new PasskeyException(PasskeyErrorCode.FAILED_TO_VERIFY_REGISTRATION, reason,
                PasskeyErrorCode.FAILED_TO_VERIFY_REGISTRATION.status());
    }
}
