package dev.sessionauth.passkey;

import static dev.sessionauth.passkey.SoftAuthenticator.BE;
import static dev.sessionauth.passkey.SoftAuthenticator.BS;
import static dev.sessionauth.passkey.SoftAuthenticator.UP;
import static dev.sessionauth.passkey.SoftAuthenticator.UV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.passkey.SoftAuthenticator.Algorithm;
import dev.sessionauth.passkey.SoftAuthenticator.Ceremony;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Sign-in responses signed by a software authenticator through {@link AuthenticationVerifier}, against the passkey
 * as a store would hold it: a good sign-in, then each attack or mistake, each refused for its own reason.
 */
class AuthenticationVerifierTest {
    private static final RelyingParty RP = RelyingParty.builder().baseUrl("http://localhost:8080").build();
    private static final PasskeyVerifiers VERIFIERS = PasskeySupport.detect().verifiers(RP);
    private static final AuthenticationVerifier VERIFIER = VERIFIERS.authentication();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USER_ID = "u_9f8e7d6c5b4a39281706";

    private final Challenge challenge = Challenge.random(RANDOM);
    private final SoftAuthenticator authenticator = new SoftAuthenticator();

    private StoredPasskey stored(long counter) {
        return new StoredPasskey(USER_ID, authenticator.credentialId(), authenticator.publicKeyBase64(), counter);
    }

    private Ceremony signIn() {
        return Ceremony.signIn(challenge.value());
    }

    private static AbstractThrowableAssert<?, ?> refused(JsonNode response, StoredPasskey passkey, Challenge expected,
            UserVerification uv, FailureReason reason) {
        return assertThatThrownBy(() -> VERIFIER.verify(response, passkey, expected, uv))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.code()).isEqualTo(PasskeyErrorCode.AUTHENTICATION_FAILED);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.status()).isEqualTo(reason == FailureReason.BAD_SIGNATURE ? 401 : 400);
                })
                .hasMessage("Authentication failed")
                .hasNoCause();
    }

    @Test
    void aGoodSignInGivesTheNewCounterAndTheOwnersUserHandle() {
        String handle = new PasskeyUser(USER_ID, "ada@example.com", "Ada").handle();
        VerifiedAuthentication result = VERIFIER.verify(authenticator.signIn(signIn().counter(8).userHandle(handle)),
                stored(7), challenge, UserVerification.REQUIRED);

        assertThat(result.credentialId()).isEqualTo(authenticator.credentialId());
        assertThat(result.newCounter()).isEqualTo(8);
        assertThat(result.userHandle()).contains(handle);
        assertThat(result.userVerified()).isTrue();
        assertThat(result.backedUp()).isFalse();
    }

    @Test
    void aPasskeySignsInFromWhatRegistrationStoredForBothOfferedKeyTypes() {
        for (Algorithm algorithm : List.of(Algorithm.ES256, Algorithm.EDDSA)) {
            SoftAuthenticator device = new SoftAuthenticator(algorithm);
            Challenge registration = Challenge.random(RANDOM);
            NewPasskey passkey = VERIFIERS.registration().verify(
                    device.register(Ceremony.registration(registration.value()).counter(1)), registration,
                    UserVerification.REQUIRED);

            VerifiedAuthentication result = VERIFIER.verify(device.signIn(signIn().counter(2)),
                    passkey.stored(USER_ID), challenge, UserVerification.REQUIRED);

            assertThat(result.newCounter()).as(algorithm.name()).isEqualTo(2);
            assertThat(result.userHandle()).isEmpty();
        }
    }

    @Test
    void syncedPasskeysThatAlwaysSendACounterOfZeroSignInAgainAndAgain() {
        for (int i = 0; i < 3; i++) {
            Challenge fresh = Challenge.random(RANDOM);
            VerifiedAuthentication result = VERIFIER.verify(
                    authenticator.signIn(Ceremony.signIn(fresh.value()).counter(0).flags(UP | UV | BE | BS)),
                    stored(0), fresh, UserVerification.REQUIRED);
            assertThat(result.newCounter()).isZero();
            assertThat(result.backedUp()).isTrue();
        }
    }

    @Test
    void aResponseToAnotherChallengeIsRefusedSoAReplayedSignInFails() {
        ObjectNode response = authenticator.signIn(signIn().counter(2));
        VERIFIER.verify(response, stored(1), challenge, UserVerification.REQUIRED);
        refused(response, stored(2), Challenge.random(RANDOM), UserVerification.REQUIRED,
                FailureReason.CHALLENGE_MISMATCH);
    }

    @Test
    void aResponseMadeOnAnotherOriginIsRefused() {
        refused(authenticator.signIn(signIn().origin("https://evil.example")), stored(0), challenge,
                UserVerification.REQUIRED, FailureReason.ORIGIN_MISMATCH);
        refused(authenticator.signIn(signIn().origin("http://localhost:8081")), stored(0), challenge,
                UserVerification.REQUIRED, FailureReason.ORIGIN_MISMATCH);
        refused(authenticator.signIn(signIn().inCrossOriginFrame()), stored(0), challenge, UserVerification.REQUIRED,
                FailureReason.ORIGIN_MISMATCH);
    }

    @Test
    void anAssertionForAnotherRpIdIsRefused() {
        refused(authenticator.signIn(signIn().rpId("evil.example")), stored(0), challenge, UserVerification.REQUIRED,
                FailureReason.RP_ID_MISMATCH);
    }

    @Test
    void aCounterThatDoesNotIncreaseIsRefusedAsAClonedAuthenticatorAndLoggedWithTheCredentialId() {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(AuthenticationVerifier.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            ObjectNode first = authenticator.signIn(signIn().counter(5));
            VerifiedAuthentication ok = VERIFIER.verify(first, stored(4), challenge, UserVerification.REQUIRED);
            assertThat(ok.newCounter()).isEqualTo(5);

            Challenge next = Challenge.random(RANDOM);
            refused(authenticator.signIn(Ceremony.signIn(next.value()).counter(5)), stored(ok.newCounter()), next,
                    UserVerification.REQUIRED, FailureReason.CLONED_AUTHENTICATOR);
            refused(authenticator.signIn(Ceremony.signIn(next.value()).counter(3)), stored(ok.newCounter()), next,
                    UserVerification.REQUIRED, FailureReason.CLONED_AUTHENTICATOR);
            refused(authenticator.signIn(Ceremony.signIn(next.value()).counter(0)), stored(ok.newCounter()), next,
                    UserVerification.REQUIRED, FailureReason.CLONED_AUTHENTICATOR);
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0).getMessage()).contains(authenticator.credentialId()).contains("cloned")
                .doesNotContain(challenge.value());
    }

    @Test
    void withoutUserVerificationItIsRefusedWhenRequiredAndAcceptedWhenPreferred() {
        ObjectNode presenceOnly = authenticator.signIn(signIn().flags(UP));
        refused(presenceOnly, stored(0), challenge, UserVerification.REQUIRED, FailureReason.USER_NOT_VERIFIED);

        VerifiedAuthentication result = VERIFIER.verify(presenceOnly, stored(0), challenge,
                UserVerification.PREFERRED);
        assertThat(result.userVerified()).isFalse();
    }

    @Test
    void withoutUserPresenceItIsRefused() {
        refused(authenticator.signIn(signIn().flags(UV)), stored(0), challenge, UserVerification.PREFERRED,
                FailureReason.USER_NOT_PRESENT);
    }

    @Test
    void aTamperedClientDataJsonNoLongerMatchesTheSignature() {
        ObjectNode response = authenticator.signIn(signIn());
        String tampered = SoftAuthenticator.clientDataOf(response).replace("}", ",\"extra\":\"x\"}");
        refused(SoftAuthenticator.withClientData(response, tampered), stored(0), challenge,
                UserVerification.REQUIRED, FailureReason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedAuthenticatorDataNoLongerMatchesTheSignature() {
        ObjectNode response = authenticator.signIn(signIn().counter(2));
        ObjectNode forged = authenticator.signIn(signIn().counter(999));
        ((ObjectNode) response.get("response")).set("authenticatorData",
                forged.get("response").get("authenticatorData"));
        refused(response, stored(1), challenge, UserVerification.REQUIRED, FailureReason.BAD_SIGNATURE);
    }

    @Test
    void aResponseOfAnotherCredentialIsRefusedAgainstThisPasskey() {
        SoftAuthenticator other = new SoftAuthenticator();
        refused(other.signIn(signIn()), stored(0), challenge, UserVerification.REQUIRED,
                FailureReason.CREDENTIAL_MISMATCH);
    }

    @Test
    void anotherKeyClaimingThisCredentialIdFailsTheSignature() {
        SoftAuthenticator impostor = new SoftAuthenticator(Algorithm.ES256, authenticator.credentialIdBytes());
        refused(impostor.signIn(signIn()), stored(0), challenge, UserVerification.REQUIRED,
                FailureReason.BAD_SIGNATURE);
    }

    @Test
    void aUserHandleOfAnotherUserIsRefused() {
        String someoneElse = new PasskeyUser("u_someone_else", "eve@example.com", "Eve").handle();
        refused(authenticator.signIn(signIn().userHandle(someoneElse)), stored(0), challenge,
                UserVerification.REQUIRED, FailureReason.USER_HANDLE_MISMATCH);
    }

    @Test
    void aRegistrationResponsePostedToSignInIsRefused() {
        refused(authenticator.signIn(signIn().type("webauthn.create")), stored(0), challenge,
                UserVerification.REQUIRED, FailureReason.WRONG_CEREMONY);
        refused(authenticator.register(Ceremony.registration(challenge.value())), stored(0), challenge,
                UserVerification.REQUIRED, FailureReason.MALFORMED_RESPONSE);
    }

    @Test
    void anIdThatIsNotTheRawIdIsRefused() {
        ObjectNode response = authenticator.signIn(signIn());
        response.put("rawId", new SoftAuthenticator().credentialId());
        refused(response, stored(0), challenge, UserVerification.REQUIRED, FailureReason.MALFORMED_RESPONSE);
    }

    @Test
    void aDamagedStoredKeyIsRefusedAndReported() {
        StoredPasskey damaged = new StoredPasskey(USER_ID, authenticator.credentialId(), "AAECAw==", 0);
        refused(authenticator.signIn(signIn()), damaged, challenge, UserVerification.REQUIRED,
                FailureReason.UNREADABLE_STORED_KEY);
    }
}
