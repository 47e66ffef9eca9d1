package dev.sessionauth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieSignerTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_KEY = "an-older-key-that-is-being-retired!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "somebody-elses-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final CookieSigner signer = new CookieSigner(List.of(KEY));
    private final String token = new TokenGenerator().newToken();

    private static String hmacBase64Url(byte[] key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignedValueVerifiesBackToTheValue() {
        assertThat(signer.verify(signer.sign(token))).contains(token);
    }

    @Test
    void theSignedFormIsTheValueADotAndTheBase64UrlHmacSha256() throws Exception {
        assertThat(signer.sign(token)).isEqualTo(token + "." + hmacBase64Url(KEY, token));
        assertThat(signer.sign(token).substring(token.length() + 1)).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void anySingleCharacterChangeInTheValueIsRefused() {
        String signed = signer.sign(token);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < token.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != signed.charAt(i)) {
                    String forged = signed.substring(0, i) + c + signed.substring(i + 1);
                    signer.verify(forged).ifPresent(v -> accepted.add(forged));
                }
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void anySingleCharacterChangeInTheSignatureIsRefused() {
        String signed = signer.sign(token);
        List<String> accepted = new ArrayList<>();
        for (int i = token.length() + 1; i < signed.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != signed.charAt(i)) {
                    String forged = signed.substring(0, i) + c + signed.substring(i + 1);
                    signer.verify(forged).ifPresent(v -> accepted.add(forged));
                }
            }
        }
        assertThat(accepted).as("signatures that differ from %s in one character yet verify", signed).isEmpty();
    }

    @Test
    void aPaddedSignatureIsNotASecondValidSpelling() {
        String signed = signer.sign(token);
        assertThat(signer.verify(signed + "=")).isEmpty();
    }

    @Test
    void aSignatureOfAnotherValueIsRefused() {
        String other = new TokenGenerator().newToken();
        String otherSignature = signer.sign(other).substring(other.length() + 1);
        assertThat(signer.verify(token + "." + otherSignature)).isEmpty();
    }

    @Test
    void aTruncatedOrExtendedSignatureIsRefused() {
        String signed = signer.sign(token);
        assertThat(signer.verify(signed.substring(0, signed.length() - 1))).isEmpty();
        assertThat(signer.verify(signed.substring(0, signed.length() - 4))).isEmpty();
        assertThat(signer.verify(signed + "AAAA")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", ".", "..", "no-dot-at-all", "value.", ".c2lnbmF0dXJl", "value.!!!!",
            "value.not base64", "value.a+b/c", "value.%3D%3D", "value.a=b"})
    void malformedSignedValuesAreRefused(String signed) {
        assertThat(signer.verify(signed)).isEmpty();
    }

    @Test
    void theTokenWithoutItsSignatureIsRefused() {
        assertThat(signer.verify(token)).isEmpty();
        assertThat(signer.verify(token + ".")).isEmpty();
    }

    @Test
    void aSignerWithoutTheKeyRefuses() {
        CookieSigner stranger = new CookieSigner(List.of(OTHER_KEY));
        assertThat(stranger.verify(signer.sign(token))).isEmpty();
        assertThat(signer.verify(stranger.sign(token))).isEmpty();
    }

    @Test
    void afterRotationCookiesSignedWithTheOldKeyStillVerify() {
        String signedBefore = new CookieSigner(List.of(OLD_KEY)).sign(token);
        CookieSigner rotated = new CookieSigner(List.of(KEY, OLD_KEY));

        assertThat(rotated.verify(signedBefore)).contains(token);
    }

    @Test
    void afterRotationNewSignaturesUseTheFirstKey() throws Exception {
        CookieSigner rotated = new CookieSigner(List.of(KEY, OLD_KEY));

        assertThat(rotated.sign(token)).isEqualTo(token + "." + hmacBase64Url(KEY, token));
        assertThat(rotated.sign(token)).isEqualTo(signer.sign(token));
        assertThat(new CookieSigner(List.of(KEY)).verify(rotated.sign(token))).contains(token);
        assertThat(new CookieSigner(List.of(OLD_KEY)).verify(rotated.sign(token))).isEmpty();
    }

    @Test
    void onceTheOldKeyIsDroppedItsCookiesAreRefused() {
        String signedBefore = new CookieSigner(List.of(OLD_KEY)).sign(token);
        assertThat(new CookieSigner(List.of(KEY)).verify(signedBefore)).isEmpty();
    }

    @Test
    void aSignerNeedsAtLeastOneKey() {
        assertThatThrownBy(() -> new CookieSigner(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changingTheKeyArrayAfterwardsDoesNotChangeTheSigner() {
        byte[] key = KEY.clone();
        CookieSigner own = new CookieSigner(List.of(key));
        String before = own.sign(token);
        key[0] ^= 1;
        assertThat(own.sign(token)).isEqualTo(before);
    }

    @Test
    void digestsDependOnPurposeValueAndKey() {
        String digest = signer.digest("csrf", "session-1");
        assertThat(digest).isEqualTo(signer.digest("csrf", "session-1")).matches("[A-Za-z0-9_-]{43}");
        assertThat(signer.digest("csrf", "session-2")).isNotEqualTo(digest);
        assertThat(signer.digest("other", "session-1")).isNotEqualTo(digest);
        assertThat(new CookieSigner(List.of(OTHER_KEY)).digest("csrf", "session-1")).isNotEqualTo(digest);
    }
}
