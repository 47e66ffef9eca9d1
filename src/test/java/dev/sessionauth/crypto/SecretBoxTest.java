package dev.sessionauth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_KEY = "an-older-key-that-is-being-retired!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "somebody-elses-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String PURPOSE = "sessionauth two-factor totp secret";
    private static final byte[] PLAINTEXT = "JBSWY3DPEHPK3PXP-a-secret".getBytes(StandardCharsets.UTF_8);
    private static final String USER = "user-1";

    private final SecretBox box = new SecretBox(List.of(KEY), PURPOSE);

    @Test
    void whatIsEncryptedDecryptsToTheSameBytes() {
        String stored = box.encrypt(PLAINTEXT, USER);

        assertThat(box.decrypt(stored, USER)).isEqualTo(PLAINTEXT);
    }

    @Test
    void theStoredFormIsBase64UrlOfVersionNonceCiphertextAndTag() {
        String stored = box.encrypt(new byte[20], USER);

        assertThat(stored).matches("[A-Za-z0-9_-]+").hasSize(66);
        byte[] raw = Base64.getUrlDecoder().decode(stored);
        assertThat(raw).hasSize(1 + 12 + 20 + 16);
        assertThat(raw[0]).isEqualTo(SecretBox.VERSION_1);
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTimeBecauseEachMessageHasItsOwnNonce() {
        assertThat(box.encrypt(PLAINTEXT, USER)).isNotEqualTo(box.encrypt(PLAINTEXT, USER));
    }

    @Test
    void theStoredFormNeverContainsThePlaintext() {
        String plain = new String(PLAINTEXT, StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) {
            String stored = box.encrypt(PLAINTEXT, USER);
            byte[] raw = Base64.getUrlDecoder().decode(stored);

            assertThat(stored).doesNotContain(plain).doesNotContain(plain.substring(0, 8));
            assertThat(stored).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(PLAINTEXT));
            assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(plain.substring(0, 8));
        }
    }

    @Test
    void anotherPurposeLabelCannotDecrypt() {
        String stored = box.encrypt(PLAINTEXT, USER);
        SecretBox otherUse = new SecretBox(List.of(KEY), "sessionauth oidc provider token");

        assertThatThrownBy(() -> otherUse.decrypt(stored, USER))
                .isInstanceOf(SecretBox.UndecryptableException.class)
                .hasMessageContaining("cannot decrypt");
    }

    @Test
    void aValueCopiedToAnotherRowDoesNotDecryptThere() {
        String stored = box.encrypt(PLAINTEXT, USER);

        assertThatThrownBy(() -> box.decrypt(stored, "user-2")).isInstanceOf(SecretBox.UndecryptableException.class);
    }

    @Test
    void anotherAppsSecretCannotDecrypt() {
        String stored = box.encrypt(PLAINTEXT, USER);

        assertThatThrownBy(() -> new SecretBox(List.of(OTHER_KEY), PURPOSE).decrypt(stored, USER))
                .isInstanceOf(SecretBox.UndecryptableException.class);
    }

    @Test
    void everyFlippedBitIsRefusedAndNoneGivesAPartialResult() {
        byte[] raw = Base64.getUrlDecoder().decode(box.encrypt(PLAINTEXT, USER));
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < raw.length * 8; i++) {
            byte[] forged = raw.clone();
            forged[i / 8] ^= (byte) (1 << (i % 8));
            String stored = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
            try {
                box.decrypt(stored, USER);
                accepted.add("bit " + i);
            } catch (SecretBox.UndecryptableException refused) {
                assertThat(refused.getMessage()).doesNotContain(new String(PLAINTEXT, StandardCharsets.UTF_8));
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void truncatedEmptyOrNonBase64ValuesAreRefusedWithAClearException() {
        String stored = box.encrypt(PLAINTEXT, USER);

        for (String bad : List.of("", "AQ", stored.substring(0, 30), stored.substring(0, stored.length() - 1),
                "not base64!", stored + "A")) {
            assertThatThrownBy(() -> box.decrypt(bad, USER))
                    .as(bad)
                    .isInstanceOf(SecretBox.UndecryptableException.class)
                    .hasMessageStartingWith("cannot decrypt the stored secret: ");
        }
    }

    @Test
    void anUnknownFormatVersionIsNamedInTheRefusal() {
        byte[] raw = Base64.getUrlDecoder().decode(box.encrypt(PLAINTEXT, USER));
        raw[0] = 2;

        assertThatThrownBy(() -> box.decrypt(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), USER))
                .isInstanceOf(SecretBox.UndecryptableException.class)
                .hasMessageContaining("unknown format version 2");
    }

    @Test
    void aValueEncryptedUnderTheOldSecretStillDecryptsAfterANewSecretIsPutFirst() {
        String storedBefore = new SecretBox(List.of(OLD_KEY), PURPOSE).encrypt(PLAINTEXT, USER);
        SecretBox rotated = new SecretBox(List.of(KEY, OLD_KEY), PURPOSE);

        assertThat(rotated.decrypt(storedBefore, USER)).isEqualTo(PLAINTEXT);
        // New values are written under the new first secret only: once the old one is dropped they still decrypt.
        String storedAfter = rotated.encrypt(PLAINTEXT, USER);
        assertThat(new SecretBox(List.of(KEY), PURPOSE).decrypt(storedAfter, USER)).isEqualTo(PLAINTEXT);
        assertThatThrownBy(() -> new SecretBox(List.of(OLD_KEY), PURPOSE).decrypt(storedAfter, USER))
                .isInstanceOf(SecretBox.UndecryptableException.class);
    }

    @Test
    void aValueWhoseSecretWasRemovedFromTheSettingIsRefused() {
        String stored = new SecretBox(List.of(OLD_KEY), PURPOSE).encrypt(PLAINTEXT, USER);

        assertThatThrownBy(() -> box.decrypt(stored, USER)).isInstanceOf(SecretBox.UndecryptableException.class);
    }

    @Test
    void anEmptyPlaintextRoundTrips() {
        assertThat(box.decrypt(box.encrypt(new byte[0], USER), USER)).isEmpty();
    }

    @Test
    void noSecretsOrABlankPurposeAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new SecretBox(List.of(), PURPOSE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(List.of(KEY), " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hkdfMatchesRfc5869TestCases() {
        HexFormat hex = HexFormat.of();
        // RFC 5869 Appendix A.1: basic test case with SHA-256.
        assertThat(hex.formatHex(SecretBox.hkdfSha256(hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("0b".repeat(22)), hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        // A.3: zero-length salt and info.
        assertThat(hex.formatHex(SecretBox.hkdfSha256(new byte[0], hex.parseHex("0b".repeat(22)), new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
}
