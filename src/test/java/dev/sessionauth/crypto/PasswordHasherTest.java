package dev.sessionauth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bcrypt at cost 10 costs ~70 ms a hash or check: the number of them here is kept small on purpose. */
class PasswordHasherTest {

    private static PasswordHasher hasher;
    private static String correctHorseHash;

    @BeforeAll
    static void hashOnce() {
        hasher = new PasswordHasher(10);
        correctHorseHash = hasher.hash("correct horse battery staple");
    }

    @Test
    void theRightPasswordVerifies() {
        assertThat(hasher.verify("correct horse battery staple", correctHorseHash)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNot() {
        assertThat(hasher.verify("correct horse battery stapler", correctHorseHash)).isFalse();
        assertThat(hasher.verify("Correct horse battery staple", correctHorseHash)).isFalse();
    }

    @Test
    void theHashIsBcrypt2bAtTheConfiguredCostAndNeverThePassword() {
        assertThat(correctHorseHash).startsWith("$2b$10$").hasSize(60).doesNotContain("correct horse");
    }

    @Test
    void hashingTheSamePasswordTwiceGivesDifferentSalts() {
        assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(correctHorseHash);
    }

    @Test
    void longPasswordsSharingTheirFirstEightyCharactersDoNotVerifyAgainstEachOther() {
        String common = "x".repeat(80);
        String first = common + "A".repeat(20);
        String second = common + "B".repeat(20);
        assertThat(first).hasSize(100);

        String firstHash = hasher.hash(first);
        assertThat(hasher.verify(first, firstHash)).isTrue();
        assertThat(hasher.verify(second, firstHash)).isFalse();
        assertThat(hasher.verify(common, firstHash)).isFalse();
    }

    @Test
    void aPasswordAroundTheSeventyTwoByteLimitIsNotTruncated() {
        String seventyTwo = "p".repeat(72);
        String hash = hasher.hash(seventyTwo);
        assertThat(hasher.verify(seventyTwo, hash)).isTrue();
        assertThat(hasher.verify(seventyTwo + "p", hash)).isFalse();
        assertThat(hasher.verify("p".repeat(71), hash)).isFalse();
    }

    @Test
    void nonAsciiPasswordsVerifyAndAreNotFoldedToAscii() {
        String password = "pässwörd-日本語-🔑";
        String hash = hasher.hash(password);
        assertThat(hasher.verify(password, hash)).isTrue();
        assertThat(hasher.verify("passwrd-日本語-🔑", hash)).isFalse();
        assertThat(hasher.verify("p?ssw?rd-???-?", hash)).isFalse();
    }

    @Test
    void longNonAsciiPasswordsSharingAPrefixDoNotVerifyAgainstEachOther() {
        String common = "日本語".repeat(10);                                   // 90 UTF-8 bytes
        assertThat(common.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(72);
        String hash = hasher.hash(common + "一");
        assertThat(hasher.verify(common + "二", hash)).isFalse();
    }

    @ParameterizedTest(name = "malformed hash \"{0}\" is false")
    @ValueSource(strings = {"", "not a hash", "$2b$10$", "$2b$10$tooShort", "$2b$99$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
            "$9z$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234", "plaintext-password", "é"})
    void aMalformedHashNeverMatchesAndNeverThrows(String malformed) {
        assertThat(hasher.verify("correct horse battery staple", malformed)).isFalse();
    }

    @Test
    void anEmptyPasswordDoesNotMatchARealHash() {
        assertThat(hasher.verify("", correctHorseHash)).isFalse();
    }

    @Test
    void verifyNobodyIsAlwaysFalse() {
        assertThat(hasher.verifyNobody("correct horse battery staple")).isFalse();
        // not even for the text the dummy hash was made from
        assertThat(hasher.verifyNobody("not a password: equalises sign-in time")).isFalse();
    }
}
