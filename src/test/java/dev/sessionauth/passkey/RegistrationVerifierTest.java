package dev.sessionauth.passkey;

import static dev.sessionauth.passkey.SoftAuthenticator.BE;
import static dev.sessionauth.passkey.SoftAuthenticator.BS;
import static dev.sessionauth.passkey.SoftAuthenticator.UP;
import static dev.sessionauth.passkey.SoftAuthenticator.UV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.passkey.SoftAuthenticator.Algorithm;
import dev.sessionauth.passkey.SoftAuthenticator.Ceremony;
import java.security.SecureRandom;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Registration responses made by a software authenticator (real keys, real authenticator data) through
 * {@link RegistrationVerifier}: what a good one stores, and each way a bad one is refused.
 */
class RegistrationVerifierTest {
    private static final RelyingParty RP = RelyingParty.builder().baseUrl("http://localhost:8080").build();
    private static final RegistrationVerifier VERIFIER = PasskeySupport.detect().verifiers(RP).registration();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Challenge challenge = Challenge.random(RANDOM);
    private final SoftAuthenticator authenticator = new SoftAuthenticator();

    private static AbstractThrowableAssert<?, ?> refused(JsonNode response, Challenge expected,
            UserVerification uv, FailureReason reason) {
        return assertThatThrownBy(() -> VERIFIER.verify(response, expected, uv))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.code()).isEqualTo(PasskeyErrorCode.FAILED_TO_VERIFY_REGISTRATION);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessage("Failed to verify registration");
    }

    private Ceremony ceremony() {
        return Ceremony.registration(challenge.value());
    }

    @Test
    void aGoodRegistrationGivesThePasskeyToStoreInBetterAuthsFormats() {
        NewPasskey passkey = VERIFIER.verify(authenticator.register(ceremony()), challenge, UserVerification.REQUIRED);

        assertThat(passkey.credentialId()).isEqualTo(authenticator.credentialId()).matches("[A-Za-z0-9_-]{43}");
        assertThat(passkey.publicKey()).isEqualTo(authenticator.publicKeyBase64());
        assertThat(Base64.getDecoder().decode(passkey.publicKey())).isNotEmpty();
        assertThat(passkey.counter()).isZero();
        assertThat(passkey.transports()).containsExactly("internal");
        assertThat(passkey.transportsJoined()).isEqualTo("internal");
        assertThat(passkey.aaguid()).isEqualTo("01020304-0506-0708-0102-030405060708");
        assertThat(passkey.deviceType()).isEqualTo(DeviceType.SINGLE_DEVICE);
        assertThat(passkey.backedUp()).isFalse();
        assertThat(passkey.userVerified()).isTrue();
    }

    @Test
    void anEdDsaKeyTheFirstAlgorithmChromiumPicksRegistersToo() {
        SoftAuthenticator ed = new SoftAuthenticator(Algorithm.EDDSA);
        NewPasskey passkey = VERIFIER.verify(ed.register(ceremony()), challenge, UserVerification.REQUIRED);
        assertThat(passkey.publicKey()).isEqualTo(ed.publicKeyBase64());
    }

    @Test
    void aSyncedPasskeyIsMultiDeviceAndItsBackupStateIsKept() {
        NewPasskey passkey = VERIFIER.verify(authenticator.register(ceremony().flags(UP | UV | BE | BS)), challenge,
                UserVerification.REQUIRED);
        assertThat(passkey.deviceType()).isEqualTo(DeviceType.MULTI_DEVICE);
        assertThat(passkey.backedUp()).isTrue();
    }

    @Test
    void theSignatureCounterTheAuthenticatorStartsAtIsKept() {
        NewPasskey passkey = VERIFIER.verify(authenticator.register(ceremony().counter(1)), challenge,
                UserVerification.REQUIRED);
        assertThat(passkey.counter()).isEqualTo(1);
    }

    @Test
    void aResponseToAnotherChallengeIsRefusedSoAReplayedRegistrationFails() {
        ObjectNode response = authenticator.register(ceremony());
        refused(response, Challenge.random(RANDOM), UserVerification.REQUIRED, FailureReason.CHALLENGE_MISMATCH);
    }

    @Test
    void aResponseMadeOnAnotherOriginIsRefused() {
        refused(authenticator.register(ceremony().origin("http://localhost:9999")), challenge,
                UserVerification.REQUIRED, FailureReason.ORIGIN_MISMATCH);
        refused(authenticator.register(ceremony().origin("https://evil.example")), challenge,
                UserVerification.REQUIRED, FailureReason.ORIGIN_MISMATCH);
    }

    @Test
    void aCeremonyInsideACrossOriginFrameIsRefused() {
        refused(authenticator.register(ceremony().inCrossOriginFrame()), challenge, UserVerification.REQUIRED,
                FailureReason.ORIGIN_MISMATCH);
    }

    @Test
    void aCredentialForAnotherRpIdIsRefused() {
        refused(authenticator.register(ceremony().rpId("evil.example")), challenge, UserVerification.REQUIRED,
                FailureReason.RP_ID_MISMATCH);
    }

    @Test
    void withoutUserVerificationItIsRefusedWhenRequiredAndAcceptedWhenPreferred() {
        ObjectNode presenceOnly = authenticator.register(ceremony().flags(UP));
        refused(presenceOnly, challenge, UserVerification.REQUIRED, FailureReason.USER_NOT_VERIFIED);

        NewPasskey passkey = VERIFIER.verify(presenceOnly, challenge, UserVerification.PREFERRED);
        assertThat(passkey.userVerified()).isFalse();
    }

    @Test
    void withoutUserPresenceItIsRefusedEvenWhenVerificationIsOnlyPreferred() {
        refused(authenticator.register(ceremony().flags(0)), challenge, UserVerification.PREFERRED,
                FailureReason.USER_NOT_PRESENT);
    }

    @Test
    void aSignInResponsePostedToRegistrationIsRefused() {
        refused(authenticator.register(ceremony().type("webauthn.get")), challenge, UserVerification.REQUIRED,
                FailureReason.WRONG_CEREMONY);
    }

    @Test
    void aKeyOfAnAlgorithmTheOptionsDidNotOfferIsRefused() {
        refused(new SoftAuthenticator(Algorithm.ES384).register(ceremony()), challenge, UserVerification.REQUIRED,
                FailureReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aTamperedClientDataJsonIsRefusedByItsChallengeAndOrigin() {
        // With attestation "none" nothing signs clientDataJSON at registration (WebAuthn's design: the challenge,
        // origin and type inside it are what bind it), so tampering shows as a wrong challenge or origin.
        ObjectNode response = authenticator.register(ceremony());
        String original = SoftAuthenticator.clientDataOf(response);
        refused(SoftAuthenticator.withClientData(response,
                original.replace(challenge.value(), Challenge.random(RANDOM).value())), challenge,
                UserVerification.REQUIRED, FailureReason.CHALLENGE_MISMATCH);
        refused(SoftAuthenticator.withClientData(response, original.replace("http://localhost:8080",
                "https://evil.example")), challenge, UserVerification.REQUIRED, FailureReason.ORIGIN_MISMATCH);
        refused(SoftAuthenticator.withClientData(response, "{not json"), challenge, UserVerification.REQUIRED,
                FailureReason.MALFORMED_RESPONSE);
    }

    @Test
    void anIdThatIsNotTheRawIdIsRefused() {
        ObjectNode response = authenticator.register(ceremony());
        response.put("id", new SoftAuthenticator().credentialId());
        refused(response, challenge, UserVerification.REQUIRED, FailureReason.MALFORMED_RESPONSE);
    }

    @Test
    void aRawIdThatIsNotTheAttestedCredentialIsRefused() {
        ObjectNode response = authenticator.register(ceremony());
        String other = new SoftAuthenticator().credentialId();
        response.put("id", other);
        response.put("rawId", other);
        refused(response, challenge, UserVerification.REQUIRED, FailureReason.CREDENTIAL_MISMATCH);
    }

    @Test
    void whatIsNotACredentialIsRefusedAsMalformed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String garbage : new String[] {"null", "[]", "\"x\"", "{}", "{\"type\":\"public-key\"}",
                "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{}}",
                "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":"
                        + "{\"attestationObject\":\"!!\",\"clientDataJSON\":\"e30\"}}",
                "{\"id\":\"A\",\"rawId\":\"A\",\"type\":\"public-key\",\"response\":{}}"}) {
            refused(json.readTree(garbage), challenge, UserVerification.REQUIRED, FailureReason.MALFORMED_RESPONSE);
        }
        ObjectNode wrongType = authenticator.register(ceremony());
        wrongType.put("type", "password");
        refused(wrongType, challenge, UserVerification.REQUIRED, FailureReason.MALFORMED_RESPONSE);
        ObjectNode badAttestation = authenticator.register(ceremony());
        ((ObjectNode) badAttestation.get("response")).put("attestationObject", "o2NmbXRkbm9uZQ");
        refused(badAttestation, challenge, UserVerification.REQUIRED, FailureReason.MALFORMED_RESPONSE);
    }

    @Test
    void theRefusalCarriesBetterAuthsWordsAndNothingOfWebauthn4j() {
        ObjectNode response = authenticator.register(ceremony());
        assertThatThrownBy(() -> VERIFIER.verify(response, Challenge.random(RANDOM), UserVerification.REQUIRED))
                .hasMessage("Failed to verify registration")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void unknownTransportNamesAreKeptAndImplausibleOnesDropped() {
        ObjectNode response = authenticator.register(ceremony());
        ((ObjectNode) response.get("response")).putArray("transports").add("hybrid").add("internal")
                .add("smart-card").add("<script>").add("hybrid");
        NewPasskey passkey = VERIFIER.verify(response, challenge, UserVerification.REQUIRED);
        assertThat(passkey.transports()).containsExactly("hybrid", "internal", "smart-card");
        assertThat(passkey.transportsJoined()).isEqualTo("hybrid,internal,smart-card");

        // webauthn4j itself refuses a transport that is not a string; no browser sends one.
        ((ObjectNode) response.get("response")).putArray("transports").add(42);
        refused(response, challenge, UserVerification.REQUIRED, FailureReason.MALFORMED_RESPONSE);
    }
}
