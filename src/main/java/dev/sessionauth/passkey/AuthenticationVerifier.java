package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a browser's sign-in response ({@code AuthenticationResponseJSON}, the {@code response} of Better Auth's
 * {@code POST /passkey/verify-authentication}) against the stored passkey it names, with webauthn4j.
 *
 * <p>Checked: the outer shape; that it is for this passkey ({@code id} = {@code rawId} = the stored credential id);
 * clientDataJSON's type, challenge and origin; the RP ID hash; user presence, and user verification when
 * {@link UserVerification#REQUIRED} (pass it for passwordless sign-in, and ask for it in the options); the signature
 * with the stored public key; the signature counter; the user handle, when the authenticator returns one, is the
 * owner's. Every refusal is a {@link PasskeyException} with {@link PasskeyErrorCode#AUTHENTICATION_FAILED} (status 401
 * for a bad signature, 400 otherwise, as Better Auth answers); why is in {@link PasskeyException#reason()}.
 *
 * <p>The counter: when either the stored or the presented counter is non-zero, the presented one must be greater,
 * else two copies of the authenticator may exist (or an assertion is replayed) and the sign-in is refused as
 * {@link FailureReason#CLONED_AUTHENTICATOR}, logged at WARNING with the credential id. Authenticators that keep no
 * counter (synced passkeys send 0 every time) pass. This is webauthn4j's default and Better Auth's rule.
 *
 * <p>webauthn4j-facing: obtain it from {@link PasskeySupport#verifiers(RelyingParty)}. Thread-safe.
 */
public final class AuthenticationVerifier {
    private static final System.Logger LOG = System.getLogger(AuthenticationVerifier.class.getName());

    private final RelyingParty relyingParty;
    private final Webauthn4j webauthn4j;

    AuthenticationVerifier(RelyingParty relyingParty, Webauthn4j webauthn4j) {
        this.relyingParty = Objects.requireNonNull(relyingParty, "relyingParty");
        this.webauthn4j = Objects.requireNonNull(webauthn4j, "webauthn4j");
    }

    /**
     * The verified sign-in, if {@code response} is {@code passkey}'s answer to {@code expected} (the challenge issued
     * with the options, already taken out of storage: single use). The caller found {@code passkey} by the
     * response's {@code id} and stores {@link VerifiedAuthentication#newCounter()} on it afterwards.
     *
     * @throws PasskeyException {@code AUTHENTICATION_FAILED} when it is not
     */
    public VerifiedAuthentication verify(JsonNode response, StoredPasskey passkey, Challenge expected,
            UserVerification userVerification) {
        Objects.requireNonNull(passkey, "passkey");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(userVerification, "userVerification");
        PostedCredential posted = PostedCredential.read(response)
                .orElseThrow(() -> refused(FailureReason.MALFORMED_RESPONSE, "not a public-key credential with id = rawId"));
        byte[] credentialId = Base64Url.decode(passkey.credentialId()).orElseThrow();
        if (!Arrays.equals(credentialId, posted.rawId())) {
            throw refused(FailureReason.CREDENTIAL_MISMATCH, "the response is for credential " + posted.id()
                    + ", checked against passkey " + passkey.credentialId());
        }
        CredentialRecordImpl record = record(passkey, credentialId);
        AuthenticationData data;
        try {
            data = webauthn4j.manager.verifyAuthenticationResponseJSON(posted.json(), new AuthenticationParameters(
                    webauthn4j.serverProperty(relyingParty, expected), record, null,
                    userVerification.required(), true));
        } catch (MaliciousCounterValueException e) {
            LOG.log(Level.WARNING, () -> "passkey " + passkey.credentialId() + " refused: its signature counter "
                    + e.getPresentedCounter() + " is not above the stored " + e.getStoredCounter()
                    + "; the authenticator may have been cloned, or the assertion replayed");
            throw refused(FailureReason.CLONED_AUTHENTICATOR, Webauthn4j.detail(e));
        } catch (WebAuthnException e) {
            throw refused(Webauthn4j.reasonOf(e), Webauthn4j.detail(e));
        } catch (RuntimeException e) {
            throw refused(FailureReason.MALFORMED_RESPONSE, Webauthn4j.detail(e));
        }
        Optional<String> userHandle = Optional.ofNullable(data.getUserHandle()).filter(h -> h.length > 0)
                .map(Base64Url::encode);
        if (userHandle.isPresent() && !userHandle.get().equals(PasskeyUser.handleOf(passkey.userId()))) {
            // WebAuthn 7.2 step 6: a returned user handle must name the credential's owner.
            throw refused(FailureReason.USER_HANDLE_MISMATCH, "the user handle is not the passkey owner's");
        }
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authData = data.getAuthenticatorData();
        return new VerifiedAuthentication(passkey.credentialId(), authData.getSignCount(), userHandle,
                authData.isFlagUV(), authData.isFlagBS());
    }

    /**
     * The stored passkey as webauthn4j's credential record. Backup eligibility is left unknown (null), as Better Auth
     * does not compare it: a passkey whose provider starts syncing it still signs in.
     */
    private CredentialRecordImpl record(StoredPasskey passkey, byte[] credentialId) {
        COSEKey key;
        try {
            key = webauthn4j.decode(Base64.getDecoder().decode(passkey.publicKey()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "passkey " + passkey.credentialId() + ": its stored public key cannot be "
                    + "read (" + e.getClass().getSimpleName() + "); it cannot sign in until re-registered");
            throw new PasskeyException(PasskeyErrorCode.AUTHENTICATION_FAILED, FailureReason.UNREADABLE_STORED_KEY,
                    PasskeyErrorCode.AUTHENTICATION_FAILED.status());
        }
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId, key);
        return new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, passkey.counter(), attested,
                null, null, null, null);
    }

    private static PasskeyException refused(FailureReason reason, String detail) {
        LOG.log(Level.DEBUG, () -> "passkey sign-in refused, " + reason + ": " + detail);
        int status = reason == FailureReason.BAD_SIGNATURE ? 401 : PasskeyErrorCode.AUTHENTICATION_FAILED.status();
        return new PasskeyException(PasskeyErrorCode.AUTHENTICATION_FAILED, reason, status);
    }
}
