package dev.sessionauth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.crypto.SessionClaims;
import dev.sessionauth.crypto.SessionJwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The memory of verified {@code session_data} cookies: a remembered cookie answers only until its own {@code exp},
 * only beside its own session cookie, a cookie that does not verify is never remembered, a session's newer cookie
 * replaces its older one, and the memory is bounded. (That a remembered cookie still
 * needs its own session cookie, and that a revoked session stops passing once the cookie expires, is checked over
 * HTTP by JwtCookieCacheTest, whose every request now goes through this memory.)
 */
class VerifiedJwtsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final SessionJwt jwt = new SessionJwt(List.of("a-test-secret-for-verified-jwts-0123456789"
            .getBytes(StandardCharsets.UTF_8)));

    private static Session session(String id) {
        return new Session(id, "u1", NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(30)), NOW, NOW,
                Optional.empty(), Optional.of("test"), true);
    }

    private static final User USER = new User("u1", "Una", "una@example.com", true, Optional.empty(), NOW, NOW,
            Map.of());

    private String cookie(String sessionId, Duration lifetime) {
        return cookie(sessionId, lifetime, NOW);
    }

    private String cookie(String sessionId, Duration lifetime, Instant issuedAt) {
        return jwt.issue(SessionClaims.of(session(sessionId), USER, hash(sessionId)), issuedAt,
                issuedAt.plus(lifetime));
    }

    private static String hash(String sessionId) {
        return "hash-of-" + sessionId;
    }

    @Test
    void aRememberedCookieAnswersWithWhatItSaidUntilItsExpiryAndNeverAfter() {
        VerifiedJwts memory = new VerifiedJwts(100);
        String c = cookie("s1", Duration.ofMinutes(5));

        Optional<VerifiedJwts.Verified> first = memory.verify(hash("s1"), c, NOW, jwt);
        assertThat(first).isPresent();
        assertThat(first.get().session().getId()).isEqualTo("s1");
        assertThat(memory.size()).isEqualTo(1);

        assertThat(memory.verify(hash("s1"), c, NOW.plus(Duration.ofMinutes(4)), jwt)).isPresent();
        assertThat(memory.verify(hash("s1"), c, NOW.plus(Duration.ofMinutes(5)), jwt)).as("at exp").isEmpty();
        assertThat(memory.verify(hash("s1"), c, NOW.plus(Duration.ofMinutes(6)), jwt)).as("after exp").isEmpty();
        assertThat(memory.size()).as("the expired entry is dropped").isZero();
    }

    @Test
    void aCookieAlreadyExpiredWhenFirstSeenIsRefusedAndNotRemembered() {
        VerifiedJwts memory = new VerifiedJwts(100);
        String c = cookie("s1", Duration.ofMinutes(5));

        assertThat(memory.verify(hash("s1"), c, NOW.plus(Duration.ofMinutes(10)), jwt)).isEmpty();
        assertThat(memory.size()).isZero();
    }

    @Test
    void aCookieThatDoesNotVerifyIsNeverRememberedNorAnsweredForItsGenuineTwin() {
        VerifiedJwts memory = new VerifiedJwts(100);
        String genuine = cookie("s1", Duration.ofMinutes(5));
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A')
                + parts[2].substring(1);
        SessionJwt otherKey = new SessionJwt(List.of("another-secret-entirely-9876543210-abcdef"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(memory.verify(hash("s1"), tampered, NOW, jwt)).isEmpty();
        assertThat(memory.verify(hash("s1"), genuine, NOW, otherKey)).as("under a key that did not sign it")
                .isEmpty();
        assertThat(memory.size()).isZero();
        assertThat(memory.verify(hash("s1"), genuine, NOW, jwt)).isPresent();
        assertThat(memory.verify(hash("s1"), tampered, NOW, jwt)).as("the genuine one remembered does not vouch for"
                + " a twin").isEmpty();
    }

    @Test
    void theMemoryIsBounded() {
        VerifiedJwts memory = new VerifiedJwts(5);
        for (int i = 0; i < 50; i++) {
            assertThat(memory.verify(hash("s" + i), cookie("s" + i, Duration.ofMinutes(5)), NOW, jwt)).isPresent();
        }
        assertThat(memory.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void aCookieAnswersOnlyBesideTheSessionCookieItWasIssuedFor() {
        VerifiedJwts memory = new VerifiedJwts(100);
        String forS1 = cookie("s1", Duration.ofMinutes(5));

        assertThat(memory.verify(hash("s2"), forS1, NOW, jwt)).as("first seen beside another session").isEmpty();
        assertThat(memory.size()).isZero();
        assertThat(memory.verify(hash("s1"), forS1, NOW, jwt)).isPresent();
        assertThat(memory.verify(hash("s2"), forS1, NOW, jwt)).as("remembered, then presented beside another")
                .isEmpty();
    }

    @Test
    void aSessionsNewerCookieReplacesItsOlderOneAndBothStillVerify() {
        VerifiedJwts memory = new VerifiedJwts(100);
        String older = cookie("s1", Duration.ofMinutes(5));
        String newer = cookie("s1", Duration.ofMinutes(5), NOW.plusSeconds(60));

        assertThat(memory.verify(hash("s1"), older, NOW.plusSeconds(61), jwt)).isPresent();
        assertThat(memory.verify(hash("s1"), newer, NOW.plusSeconds(61), jwt)).hasValueSatisfying(v ->
                assertThat(v.issuedAt()).isEqualTo(NOW.plusSeconds(60)));
        assertThat(memory.size()).as("one entry per session").isEqualTo(1);
        assertThat(memory.verify(hash("s1"), older, NOW.plusSeconds(62), jwt)).as("an older tab's cookie still"
                + " verifies on its own").hasValueSatisfying(v -> assertThat(v.issuedAt()).isEqualTo(NOW));
    }
}
