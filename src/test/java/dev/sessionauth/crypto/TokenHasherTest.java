package dev.sessionauth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenHasherTest {

    private static String sha256Base64Url(String s) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    @Test
    void theHashIsSha256InBase64UrlWithoutPadding() throws Exception {
        // FIPS 180-2 test vector: SHA-256("abc") = ba7816bf...f20015ad
        assertThat(TokenHasher.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(TokenHasher.hash("abc")).isEqualTo(sha256Base64Url("abc"));

        String token = new TokenGenerator().newToken();
        assertThat(TokenHasher.hash(token)).isEqualTo(sha256Base64Url(token)).hasSize(43);
    }

    @Test
    void theHashIsDeterministic() {
        String token = new TokenGenerator().newToken();
        assertThat(TokenHasher.hash(token)).isEqualTo(TokenHasher.hash(token));
    }

    @Test
    void theHashNeverEqualsTheToken() {
        String token = new TokenGenerator().newToken();
        assertThat(TokenHasher.hash(token)).isNotEqualTo(token);
    }

    @Test
    void everyTokenHasItsOwnHash() {
        TokenGenerator generator = new TokenGenerator();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            hashes.add(TokenHasher.hash(generator.newToken()));
        }
        assertThat(hashes).hasSize(2_000);
    }

    @Test
    void threadsHashingAtOnceEachGetTheRightHash() throws Exception {
        // The hasher clones one shared digest per call: no thread may see another's half-hashed state.
        TokenGenerator generator = new TokenGenerator();
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            tokens.add(generator.newToken());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    boolean allRight = true;
                    for (int round = 0; round < 500; round++) {
                        for (String token : tokens) {
                            allRight &= TokenHasher.hash(token).equals(sha256Base64Url(token));
                        }
                    }
                    return allRight;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokensDifferingInOneCharacterHashDifferently() {
        String token = "A".repeat(43);
        String other = "A".repeat(42) + "B";
        assertThat(TokenHasher.hash(token)).isNotEqualTo(TokenHasher.hash(other));
    }
}
