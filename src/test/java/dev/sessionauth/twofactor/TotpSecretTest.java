package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpSecretTest {

    @Test
    void aNewKeyIsTwentyRandomBytes() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            TotpSecret key = TotpSecret.generate(random);
            assertThat(key.bytes()).hasSize(20);
            seen.add(key.base32());
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void base32IsRfc4648WithoutPadding() {
        assertThat(TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII)).base32())
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpSecret.generate(new SecureRandom()).base32()).matches("[A-Z2-7]{32}");
    }

    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void theCodecMatchesRfc4648TestVectorsBothWays(String text, String base32) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.encode(bytes)).isEqualTo(base32);
        assertThat(Base32.decode(base32)).isEqualTo(bytes);
    }

    @Test
    void decodingToleratesLowerCaseAndPadding() {
        assertThat(Base32.decode("mzxw6===")).isEqualTo("foo".getBytes(StandardCharsets.US_ASCII));
        assertThat(TotpSecret.fromBase32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq").bytes())
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW1", "MZXW6!", "M", "MZX", "MZXW6Y", "MZXW7", "ıZXW6", "MZ W6"})
    void decodingRefusesWhatNoEncoderWrites(String bad) {
        assertThatThrownBy(() -> Base32.decode(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRandomKeySurvivesBase32BothWays() {
        TotpSecret key = TotpSecret.generate(new SecureRandom());

        assertThat(TotpSecret.fromBase32(key.base32())).isEqualTo(key);
    }

    @Test
    void aKeyShorterThan128BitsIsRefused() {
        assertThatThrownBy(() -> TotpSecret.of(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TotpSecret.fromBase32("MZXW6")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyCannotBeChangedFromOutside() {
        byte[] given = new byte[20];
        TotpSecret key = TotpSecret.of(given);
        given[0] = 1;
        key.bytes()[1] = 1;

        assertThat(key.bytes()).isEqualTo(new byte[20]);
    }

    @Test
    void toStringNeverShowsTheKey() {
        TotpSecret key = TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        assertThat(key.toString()).isEqualTo("TotpSecret[20 bytes]").doesNotContain("GEZDG").doesNotContain("1234");
    }
}
