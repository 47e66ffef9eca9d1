package dev.sessionauth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenGeneratorTest {

    /** A SecureRandom that always yields the same byte, to pin the encoding. */
    private static final class ConstantRandom extends SecureRandom {
        private final byte value;

        ConstantRandom(int value) {
            this.value = (byte) value;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, value);
        }
    }

    private final TokenGenerator generator = new TokenGenerator();

    @Test
    void aTokenIsFortyThreeBase64UrlCharacters() {
        String token = generator.newToken();
        assertThat(token).hasSize(43).hasSize(TokenGenerator.TOKEN_LENGTH).matches("[A-Za-z0-9_-]{43}");
        assertThat(TokenGenerator.looksLikeToken(token)).isTrue();
    }

    @Test
    void tokensAreThirtyTwoRandomBytesInBase64UrlWithoutPadding() {
        assertThat(new TokenGenerator(new ConstantRandom(0)).newToken()).isEqualTo("A".repeat(43));
        // 0xFF bytes show the URL-safe alphabet: '_' where standard base64 has '/', and no '=' padding
        assertThat(new TokenGenerator(new ConstantRandom(0xFF)).newToken()).isEqualTo("_".repeat(42) + "8");
        assertThat(new TokenGenerator(new ConstantRandom(0xFB)).newToken()).startsWith("-_v7");
    }

    @Test
    void tenThousandTokensAreAllDistinct() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = generator.newToken();
            assertThat(token).hasSize(43);
            tokens.add(token);
        }
        assertThat(tokens).hasSize(10_000);
    }

    @Test
    void idsAreEighteenBytesInBase64UrlAndAllDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = generator.newId();
            assertThat(id).matches("[A-Za-z0-9_-]{24}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void anIdIsNotShapedLikeAToken() {
        assertThat(TokenGenerator.looksLikeToken(generator.newId())).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\" looks like a token")
    @ValueSource(strings = {
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            "0123456789-_0123456789-_0123456789-_0123456"})
    void looksLikeTokenAcceptsFortyThreeBase64UrlCharacters(String candidate) {
        assertThat(TokenGenerator.looksLikeToken(candidate)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" does not look like a token")
    @ValueSource(strings = {
            "",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",      // 42
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",    // 44
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",     // padding
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",     // standard base64
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé",
            "AAAAAAAAAAAAAAAAAAAAA%AAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000"})
    void looksLikeTokenRefusesOtherShapes(String candidate) {
        assertThat(TokenGenerator.looksLikeToken(candidate)).isFalse();
    }
}
