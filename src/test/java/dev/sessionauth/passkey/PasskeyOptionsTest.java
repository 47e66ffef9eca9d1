package dev.sessionauth.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The options JSON, compared with what Better Auth's server sends (research doc sections 2.1 and 2.3, from
 * {@code @simplewebauthn/server} 13's generators): the same fields, the same order, the same constants.
 */
class PasskeyOptionsTest {
    /** Hands out 0, 1, 2, … so the challenge is known: base64url of bytes 0..31. */
    private static final class CountingRandom extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
        }
    }

    private static final String CHALLENGE = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    private static final RelyingParty RP = RelyingParty.builder().baseUrl("http://localhost:3000")
            .rpName("Better Auth").build();
    private static final PasskeyUser ADA = new PasskeyUser("u1", "ada@example.com", "ada@example.com");

    private final PasskeyOptions fixed = new PasskeyOptions(RP, new CountingRandom());
    private final PasskeyOptions options = new PasskeyOptions(RP, new SecureRandom());

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void registrationOptionsAreBetterAuthsFieldForFieldAndInItsOrder() {
        CeremonyOptions o = fixed.registration(ADA,
                List.of(new CredentialDescriptor("xEeQxOscqjl61LZ0uMVf6U_yv00cpVlgWvkbCRk-9z8",
                        List.of("internal", "hybrid"))),
                UserVerification.PREFERRED, AuthenticatorAttachment.PLATFORM);

        assertThat(o.challenge().value()).isEqualTo(CHALLENGE);
        assertThat(o.json().toString()).isEqualTo("{"
                + "\"challenge\":\"" + CHALLENGE + "\","
                + "\"rp\":{\"name\":\"Better Auth\",\"id\":\"localhost\"},"
                + "\"user\":{\"id\":\"dTE\",\"name\":\"ada@example.com\",\"displayName\":\"ada@example.com\"},"
                + "\"pubKeyCredParams\":[{\"alg\":-8,\"type\":\"public-key\"},{\"alg\":-7,\"type\":\"public-key\"},"
                + "{\"alg\":-257,\"type\":\"public-key\"}],"
                + "\"timeout\":60000,"
                + "\"attestation\":\"none\","
                + "\"excludeCredentials\":[{\"id\":\"xEeQxOscqjl61LZ0uMVf6U_yv00cpVlgWvkbCRk-9z8\","
                + "\"transports\":[\"internal\",\"hybrid\"],\"type\":\"public-key\"}],"
                + "\"authenticatorSelection\":{\"residentKey\":\"preferred\",\"userVerification\":\"preferred\","
                + "\"authenticatorAttachment\":\"platform\",\"requireResidentKey\":false},"
                + "\"extensions\":{\"credProps\":true},"
                + "\"hints\":[]}");
    }

    @Test
    void registrationOptionsWithoutPasskeysOrAttachmentKeepAnEmptyExcludeListAndNoAttachment() {
        ObjectNode json = options.registration(ADA, List.of(), UserVerification.REQUIRED).json();

        assertThat(fieldNames(json)).containsExactly("challenge", "rp", "user", "pubKeyCredParams", "timeout",
                "attestation", "excludeCredentials", "authenticatorSelection", "extensions", "hints");
        assertThat(json.get("excludeCredentials").isArray()).isTrue();
        assertThat(json.get("excludeCredentials")).isEmpty();
        assertThat(fieldNames(json.get("authenticatorSelection")))
                .containsExactly("residentKey", "userVerification", "requireResidentKey");
        assertThat(json.at("/authenticatorSelection/userVerification").asText()).isEqualTo("required");
    }

    @Test
    void theUserIdIsTheBase64UrlOfTheUsersIdBytes() {
        PasskeyUser user = new PasskeyUser("Zk9_x-ä", "ada@example.com", "Ada Lovelace");
        ObjectNode json = options.registration(user, List.of(), UserVerification.PREFERRED).json();
        assertThat(Base64.getUrlDecoder().decode(json.at("/user/id").asText()))
                .isEqualTo("Zk9_x-ä".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(json.at("/user/id").asText()).doesNotContain("=");
        assertThat(json.at("/user/displayName").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void aStoredPasskeyWithoutTransportsIsExcludedWithoutTheTransportsKey() {
        ObjectNode json = options.registration(ADA, List.of(CredentialDescriptor.of("AAAA", "")),
                UserVerification.PREFERRED).json();
        assertThat(json.get("excludeCredentials").toString()).isEqualTo("[{\"id\":\"AAAA\",\"type\":\"public-key\"}]");
        assertThat(CredentialDescriptor.of("AAAA", "hybrid,internal").transports()).containsExactly("hybrid",
                "internal");
    }

    @Test
    void discoverableSignInOptionsAreBetterAuthsWithoutAllowCredentials() {
        CeremonyOptions o = fixed.authentication(UserVerification.PREFERRED);
        assertThat(o.json().toString()).isEqualTo("{\"rpId\":\"localhost\",\"challenge\":\"" + CHALLENGE + "\","
                + "\"timeout\":60000,\"userVerification\":\"preferred\"}");
        assertThat(fixed.authentication(UserVerification.REQUIRED, List.of()).json().toString())
                .isEqualTo("{\"rpId\":\"localhost\",\"challenge\":\"" + CHALLENGE + "\","
                        + "\"timeout\":60000,\"userVerification\":\"required\"}");
    }

    @Test
    void signInOptionsForAKnownUserListTheirPasskeysInBetterAuthsOrder() {
        CeremonyOptions o = fixed.authentication(UserVerification.REQUIRED,
                List.of(new CredentialDescriptor("xEeQxOscqjl61LZ0uMVf6U_yv00cpVlgWvkbCRk-9z8", List.of("internal"))));
        assertThat(o.json().toString()).isEqualTo("{\"rpId\":\"localhost\",\"challenge\":\"" + CHALLENGE + "\","
                + "\"allowCredentials\":[{\"id\":\"xEeQxOscqjl61LZ0uMVf6U_yv00cpVlgWvkbCRk-9z8\","
                + "\"transports\":[\"internal\"],\"type\":\"public-key\"}],"
                + "\"timeout\":60000,\"userVerification\":\"required\"}");
    }

    @Test
    void everyCallHasAFreshChallengeOf32RandomBytesInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            CeremonyOptions o = i % 2 == 0 ? options.authentication(UserVerification.REQUIRED)
                    : options.registration(ADA, List.of(), UserVerification.REQUIRED);
            String value = o.challenge().value();
            assertThat(value).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
            assertThat(o.json().get("challenge").asText()).isEqualTo(value);
            seen.add(value);
        }
        assertThat(seen).hasSize(50);
    }

    @Test
    void theOptionsValueCannotBeChangedFromOutsideAndHidesItsChallenge() {
        CeremonyOptions o = options.authentication(UserVerification.REQUIRED);
        o.json().put("rpId", "evil.example");
        assertThat(o.json().get("rpId").asText()).isEqualTo("localhost");
        assertThat(o.toString()).doesNotContain(o.challenge().value());
        assertThat(o.challenge().toString()).doesNotContain(o.challenge().value());
    }

    @Test
    void theAttachmentQueryParameterIsReadAsBetterAuthValidatesIt() {
        assertThat(AuthenticatorAttachment.parse("platform")).contains(AuthenticatorAttachment.PLATFORM);
        assertThat(AuthenticatorAttachment.parse("cross-platform")).contains(AuthenticatorAttachment.CROSS_PLATFORM);
        assertThat(AuthenticatorAttachment.parse("Platform")).isEmpty();
        assertThat(AuthenticatorAttachment.parse("")).isEmpty();
    }

    @Test
    void aUserHandleLongerThanWebAuthnAllowsIsRefused() {
        assertThatThrownBy(() -> new PasskeyUser("x".repeat(65), "a@example.com", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bytes");
        assertThatThrownBy(() -> Challenge.of("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CredentialDescriptor("not base64url!", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
