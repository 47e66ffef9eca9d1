package dev.sessionauth.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadBackupEligibleFlagException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.IllegalBackupStateException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one webauthn4j set-up both verifiers share: a non-strict {@link WebAuthnManager} (any attestation format is
 * checked for consistency, none is required to chain to a trusted root: we ask for {@code attestation: "none"}, as
 * Better Auth does), its {@link ObjectConverter} (the CBOR codec for COSE keys; never hand-written CBOR), and the
 * translation of webauthn4j's exceptions into {@link FailureReason}s. Thread-safe; webauthn4j's manager is built to be
 * shared.
 *
 * <p>webauthn4j-facing: created only by {@link PasskeySupport#verifiers(RelyingParty)} once webauthn4j is known to be
 * on the class path.
 */
final class Webauthn4j {
    final ObjectConverter converter;
    final WebAuthnManager manager;
    final List<PublicKeyCredentialParameters> algorithms;

    Webauthn4j() {
        this.converter = new ObjectConverter();
        this.manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        this.algorithms = PasskeyOptions.ALGORITHMS.stream()
                .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                        COSEAlgorithmIdentifier.create(alg)))
                .toList();
    }

    /** What the response must match: one of the RP's origins, its RP ID, and the challenge issued. */
    ServerProperty serverProperty(RelyingParty relyingParty, Challenge challenge) {
        ServerProperty.Builder property = ServerProperty.builder();
        if (relyingParty.anyLocalhostOrigin()) {
            property.originPredicate(origin -> relyingParty.allows(origin.toString()));
        } else {
            property.origins(relyingParty.origins().stream().map(Origin::new).collect(Collectors.toSet()));
        }
        // No topOrigin settings: a ceremony inside a cross-origin frame (clickjacking's shape) is refused.
        return property.rpId(relyingParty.id()).challenge(new DefaultChallenge(challenge.value())).build();
    }

    /** A COSE_Key as bytes, through webauthn4j's CBOR codec. */
    byte[] encode(COSEKey key) {
        return converter.getCborMapper().writeValueAsBytes(key);
    }

    /** COSE_Key bytes back to a key. */
    COSEKey decode(byte[] cose) {
        COSEKey key = converter.getCborMapper().readValue(cose, COSEKey.class);
        if (key == null || !key.hasPublicKey()) {
            throw new DataConversionException("not a COSE public key");
        }
        return key;
    }

    /** Why webauthn4j refused. */
    static FailureReason reasonOf(WebAuthnException e) {
        if (e instanceof DataConversionException) {
            return FailureReason.MALFORMED_RESPONSE;
        } else if (e instanceof BadChallengeException || e instanceof MissingChallengeException) {
            return FailureReason.CHALLENGE_MISMATCH;
        } else if (e instanceof BadOriginException || e instanceof CrossOriginException
                || e instanceof BadTopOriginException) {
            return FailureReason.ORIGIN_MISMATCH;
        } else if (e instanceof BadRpIdException) {
            return FailureReason.RP_ID_MISMATCH;
        } else if (e instanceof InconsistentClientDataTypeException) {
            return FailureReason.WRONG_CEREMONY;
        } else if (e instanceof UserNotPresentException) {
            return FailureReason.USER_NOT_PRESENT;
        } else if (e instanceof UserNotVerifiedException) {
            return FailureReason.USER_NOT_VERIFIED;
        } else if (e instanceof NotAllowedAlgorithmException || e instanceof BadAlgorithmException) {
            return FailureReason.UNSUPPORTED_ALGORITHM;
        } else if (e instanceof BadSignatureException) {
            return FailureReason.BAD_SIGNATURE;
        } else if (e instanceof BadAttestationStatementException) {
            return FailureReason.BAD_ATTESTATION;
        } else if (e instanceof MaliciousCounterValueException) {
            return FailureReason.CLONED_AUTHENTICATOR;
        } else if (e instanceof NotAllowedCredentialIdException) {
            return FailureReason.CREDENTIAL_MISMATCH;
        } else if (e instanceof IllegalBackupStateException || e instanceof BadBackupEligibleFlagException) {
            return FailureReason.BAD_BACKUP_FLAGS;
        }
        return FailureReason.OTHER;
    }

    /**
     * A log line's worth of detail about a refusal: the exception's class and, except where it quotes the challenges
     * (which never go to logs), its message.
     */
    static String detail(RuntimeException e) {
        if (e instanceof BadChallengeException) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof DataConversionException || !(e instanceof WebAuthnException)) {
            // A parser's message may quote the input, and so a challenge: the classes say enough.
            Throwable cause = e.getCause();
            return e.getClass().getSimpleName() + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
