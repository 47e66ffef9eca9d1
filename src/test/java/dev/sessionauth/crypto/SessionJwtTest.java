package dev.sessionauth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionJwtTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_SECRET = "an-older-secret-that-is-being-retired!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "somebody-elses-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant EXP = NOW.plusSeconds(300);

    private final SessionJwt jwt = new SessionJwt(List.of(SECRET));

    private static Map<String, Object> sessionAndUser() {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", "sess-1");
        session.put("userId", "user-1");
        session.put("expiresAt", 1_767_323_045L);
        session.put("rememberMe", true);
        session.put("ipAddress", null);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", "user-1");
        user.put("email", "ada@example.com");
        user.put("emailVerified", false);
        user.put("name", null);
        user.put("loginCount", 42L);
        user.put("score", 1.5);
        user.put("roles", List.of("admin", "dev"));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("session", session);
        claims.put("user", user);
        return claims;
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data);
    }

    /** The key SessionJwt is specified to derive: HMAC-SHA256(secret, "sessionauth/session-jwt/v1"). */
    private static byte[] derivedKey(byte[] secret) throws Exception {
        return hmac("HmacSHA256", secret, "sessionauth/session-jwt/v1".getBytes(StandardCharsets.US_ASCII));
    }

    private static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A compact JWS assembled by hand, so the header and payload can be anything. */
    private static String handMade(String macAlgorithm, byte[] key, String headerJson, String payload) throws Exception {
        String signingInput = b64(headerJson) + "." + b64(payload);
        byte[] mac = hmac(macAlgorithm, key, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(mac);
    }

    private static String validPayload() {
        return "{\"sub\":\"x\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + EXP.getEpochSecond() + "}";
    }

    @Test
    void nestedSessionAndUserClaimsRoundTrip() {
        Map<String, Object> claims = sessionAndUser();

        String token = jwt.issue(claims, NOW, EXP);

        assertThat(jwt.verify(token, NOW)).hasValue(claims);
    }

    @Test
    void theTokenHasAnHs256JwtHeaderAndEpochSecondIatAndExp() throws Exception {
        String[] parts = jwt.issue(Map.of("a", "b"), NOW, EXP).split("\\.");

        assertThat(parts).hasSize(3);
        Map<String, Object> header = JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(parts[0]),
                StandardCharsets.UTF_8));
        Map<String, Object> payload = JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8));
        assertThat(header).isEqualTo(Map.of("alg", "HS256", "typ", "JWT"));
        assertThat(payload).isEqualTo(Map.of("a", "b", "iat", NOW.getEpochSecond(), "exp", EXP.getEpochSecond()));
    }

    @Test
    void aTokenIsRefusedFromItsExpiryOnAndAcceptedOneSecondBefore() {
        String token = jwt.issue(sessionAndUser(), NOW, EXP);

        assertThat(jwt.verify(token, EXP)).isEmpty();
        assertThat(jwt.verify(token, EXP.plusSeconds(1))).isEmpty();
        assertThat(jwt.verify(token, EXP.minusSeconds(1))).isPresent();
    }

    @Test
    void expiryIsRoundedDownSoTheTokenNeverOutlivesTheRequestedTime() {
        String token = jwt.issue(sessionAndUser(), NOW, EXP.plusMillis(999));

        assertThat(jwt.verify(token, EXP)).isEmpty();
        assertThat(jwt.verify(token, EXP.minusMillis(1))).isPresent();
    }

    @Test
    void anIssueTimeMoreThanSixtySecondsAheadIsRefused() {
        assertThat(jwt.verify(jwt.issue(sessionAndUser(), NOW.plusSeconds(61), EXP), NOW)).isEmpty();
        assertThat(jwt.verify(jwt.issue(sessionAndUser(), NOW.plusSeconds(60), EXP), NOW)).isPresent();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String token = new SessionJwt(List.of(OTHER_SECRET)).issue(sessionAndUser(), NOW, EXP);

        assertThat(jwt.verify(token, NOW)).isEmpty();
    }

    @Test
    void aTokenSignedWithTheOldSecretVerifiesWhileTheOldSecretIsStillListed() {
        String oldToken = new SessionJwt(List.of(OLD_SECRET)).issue(sessionAndUser(), NOW, EXP);
        SessionJwt rotated = new SessionJwt(List.of(SECRET, OLD_SECRET));

        assertThat(rotated.verify(oldToken, NOW)).hasValue(sessionAndUser());

        String newToken = rotated.issue(sessionAndUser(), NOW, EXP);
        assertThat(new SessionJwt(List.of(SECRET)).verify(newToken, NOW)).isPresent();
        assertThat(new SessionJwt(List.of(OLD_SECRET)).verify(newToken, NOW)).isEmpty();
    }

    @Test
    void everySingleCharacterChangeAnywhereInTheTokenIsRefused() {
        String token = jwt.issue(sessionAndUser(), NOW, EXP);
        assertThat(jwt.verify(token, NOW)).isPresent();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < token.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != token.charAt(i)) {
                    String forged = token.substring(0, i) + c + token.substring(i + 1);
                    jwt.verify(forged, NOW).ifPresent(v -> accepted.add(forged));
                }
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void anUnsecuredAlgNoneTokenIsRefused() {
        String token = jwt.issue(sessionAndUser(), NOW, EXP);
        String payload = token.split("\\.")[1];
        String signature = token.split("\\.")[2];

        assertThat(jwt.verify(b64("{\"alg\":\"none\"}") + "." + payload + ".", NOW)).isEmpty();
        assertThat(jwt.verify(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".", NOW)).isEmpty();
        assertThat(jwt.verify(b64("{\"alg\":\"none\"}") + "." + payload + "." + signature, NOW)).isEmpty();
    }

    @Test
    void aTokenReSignedWithHs512UnderTheSameDerivedKeyIsRefused() throws Exception {
        String token = handMade("HmacSHA512", derivedKey(SECRET), "{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
                validPayload());

        assertThat(jwt.verify(token, NOW)).isEmpty();
    }

    @Test
    void aHandMadeTokenWithTheDerivedKeyAndAPlainHeaderIsAccepted() throws Exception {
        // The control for the refusal tests below: the hand-made construction itself is sound.
        assertThat(jwt.verify(handMade("HmacSHA256", derivedKey(SECRET), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                validPayload()), NOW)).hasValue(Map.of("sub", "x"));
        assertThat(jwt.verify(handMade("HmacSHA256", derivedKey(SECRET), "{\"alg\":\"HS256\"}",
                validPayload()), NOW)).hasValue(Map.of("sub", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"typ\":\"JWT\"}",
        "{\"alg\":\"hs256\",\"typ\":\"JWT\"}",
        "{\"alg\":\"HS384\",\"typ\":\"JWT\"}",
        "{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
        "{\"alg\":\"HS256\",\"kid\":\"other\"}",
        "{\"alg\":\"HS256\",\"jku\":\"https://evil.example/keys\"}",
        "{\"alg\":\"HS256\",\"x5u\":\"https://evil.example/cert\"}",
        "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}",
        "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}",
        "{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}",
        "{\"alg\":\"HS256\",\"zip\":\"DEF\"}",
        "[\"alg\",\"HS256\"]",
    })
    void aTokenWhoseHeaderIsAnythingButPlainHs256IsRefusedEvenWithTheRightKey(String header) throws Exception {
        assertThat(jwt.verify(handMade("HmacSHA256", derivedKey(SECRET), header, validPayload()), NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "",
        "[1,2,3]",
        "\"a string\"",
        "{\"iat\":1767323045}",
        "{\"exp\":1767323345}",
        "{\"iat\":\"1767323045\",\"exp\":1767323345}",
        "{\"iat\":1767323045,\"exp\":\"1767323345\"}",
        "{\"iat\":1767323045,\"exp\":1767323345",
    })
    void aCorrectlySignedTokenWhosePayloadIsNotAJsonObjectWithNumericIatAndExpIsRefused(String payload)
            throws Exception {
        String token = handMade("HmacSHA256", derivedKey(SECRET), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload);

        assertThat(jwt.verify(token, NOW)).isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        Random random = new Random(42);
        StringBuilder junk = new StringBuilder();
        while (junk.length() < 10_240) {
            junk.append((char) (32 + random.nextInt(95)));
        }
        StringBuilder dottedJunk = new StringBuilder();
        while (dottedJunk.length() < 10_240) {
            dottedJunk.append(ALPHABET.charAt(random.nextInt(ALPHABET.length()))).append(random.nextInt(50) == 0 ? "." : "");
        }
        List<String> garbage = new ArrayList<>(List.of("", ".", "..", "a.b", "a.b.", "a.b.c", "a.b.c.d", "a.b.c.d.e",
                "%%%.%%%.%%%", junk.toString(), dottedJunk.toString(), "a".repeat(10_240),
                b64("{\"alg\":\"HS256\"}") + "." + "A".repeat(10_240) + "." + "A".repeat(43)));
        garbage.add(null);

        for (String g : garbage) {
            assertThatCode(() -> assertThat(jwt.verify(g, NOW)).isEmpty()).doesNotThrowAnyException();
        }
    }

    @Test
    void theKeyIsDerivedSoATokenSignedWithTheRawSecretIsRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("sub", "x")
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(EXP))
                .build();
        SignedJWT raw = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        raw.sign(new MACSigner(SECRET));
        SignedJWT derived = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims);
        derived.sign(new MACSigner(derivedKey(SECRET)));

        assertThat(derivedKey(SECRET)).hasSize(32).isNotEqualTo(SECRET);
        assertThat(jwt.verify(raw.serialize(), NOW)).isEmpty();
        assertThat(jwt.verify(derived.serialize(), NOW)).hasValue(Map.of("sub", "x"));
    }

    @Test
    void theSignatureIsNotTheCookieHmacOfTheSameSigningInput() throws Exception {
        String token = jwt.issue(Map.of("a", "b"), NOW, EXP);
        int dot = token.lastIndexOf('.');

        assertThat(new CookieSigner(List.of(SECRET)).sign(token.substring(0, dot))).isNotEqualTo(token);
    }

    @Test
    void issueRejectsCallerSuppliedIatOrExp() {
        assertThatThrownBy(() -> jwt.issue(Map.of("iat", 1L), NOW, EXP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jwt.issue(Map.of("exp", 1L), NOW, EXP)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atLeastOneSecretIsRequired() {
        assertThatThrownBy(() -> new SessionJwt(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
