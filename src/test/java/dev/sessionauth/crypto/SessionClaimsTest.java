package dev.sessionauth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code session_data} claims survive a trip through a signed JWT exactly, in the old format and the new. */
class SessionClaimsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00.123Z");
    private final SessionJwt jwt = new SessionJwt(List.of("claims-test-secret-0123456789abcdef".getBytes(
            StandardCharsets.US_ASCII)));

    private static Session session(Instant created) {
        return new Session("s1", "u1", NOW.plusSeconds(3600), NOW.plusSeconds(86_400), created, created,
                Optional.of("10.0.0.1"), Optional.empty(), true, Map.of("device", "phone"));
    }

    private static User user(Instant created) {
        return new User("u1", "Ann", "ann@example.com", true, Optional.empty(), created, created,
                Map.of("role", "admin"));
    }

    private Optional<Map.Entry<Session, User>> roundTrip(Map<String, Object> claims) {
        String compact = jwt.issue(claims, NOW, NOW.plusSeconds(300));
        return jwt.verify(compact, NOW).flatMap(SessionClaims::read);
    }

    @Test
    void millisecondInstantsTravelAsNumbersAndComeBackEqual() {
        Map<String, Object> claims = SessionClaims.of(session(NOW), user(NOW), "hash");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) claims.get("session");
        assertThat(s.get("createdAt")).isEqualTo(NOW.toEpochMilli());

        assertThat(roundTrip(claims)).hasValueSatisfying(e -> {
            assertThat(e.getKey()).isEqualTo(session(NOW));
            assertThat(e.getValue()).isEqualTo(user(NOW));
        });
    }

    @Test
    void anInstantFinerThanAMillisecondStaysExact() {
        Instant micros = NOW.plusNanos(456_000);
        assertThat(roundTrip(SessionClaims.of(session(micros), user(micros), "hash"))).hasValueSatisfying(e -> {
            assertThat(e.getKey().getCreatedAt()).isEqualTo(micros);
            assertThat(e.getValue().getUpdatedAt()).isEqualTo(micros);
        });
    }

    @Test
    void aCookieWrittenWithIsoStringsIsStillRead() {
        Map<String, Object> claims = SessionClaims.of(session(NOW), user(NOW), "hash");
        Map<String, Object> iso = isoInstants(claims);
        assertThat(roundTrip(iso)).hasValueSatisfying(e -> assertThat(e.getKey()).isEqualTo(session(NOW)));
    }

    @Test
    void anInstantOfAnyOtherShapeMakesTheCookieCountAsAbsent() {
        Map<String, Object> claims = SessionClaims.of(session(NOW), user(NOW), "hash");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) claims.get("session"));
        s.put("expiresAt", true);
        Map<String, Object> bad = new LinkedHashMap<>(claims);
        bad.put("session", s);
        assertThat(roundTrip(bad)).isEmpty();

        s.put("expiresAt", 1.5);
        assertThat(roundTrip(bad)).isEmpty();
        s.put("expiresAt", "tomorrow");
        assertThat(roundTrip(bad)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void absentValuesAndTheRepeatedUserIdStayOutOfTheCookieAndComeBackTheSame() {
        Session bare = new Session("s1", "u1", NOW.plusSeconds(3600), NOW.plusSeconds(86_400), NOW, NOW,
                Optional.empty(), Optional.empty(), false);
        User plain = new User("u1", "Ann", "ann@example.com", false, Optional.empty(), NOW, NOW, Map.of());
        Map<String, Object> claims = SessionClaims.of(bare, plain, "hash");

        assertThat((Map<String, Object>) claims.get("session")).doesNotContainKeys("userId", "ipAddress", "userAgent",
                "fields");
        assertThat((Map<String, Object>) claims.get("user")).doesNotContainKeys("image", "fields");
        assertThat(roundTrip(claims)).hasValueSatisfying(e -> {
            assertThat(e.getKey()).isEqualTo(bare);
            assertThat(e.getValue()).isEqualTo(plain);
        });
    }

    @Test
    void aCookieInTheUntrimmedFormatIsStillRead() {
        Map<String, Object> claims = SessionClaims.of(session(NOW), user(NOW), "hash");
        Map<String, Object> untrimmed = new LinkedHashMap<>(claims);
        @SuppressWarnings("unchecked")
        Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) claims.get("session"));
        s.put("userId", "u1");
        s.put("userAgent", null);
        untrimmed.put("session", s);
        @SuppressWarnings("unchecked")
        Map<String, Object> u = new LinkedHashMap<>((Map<String, Object>) claims.get("user"));
        u.put("image", null);
        untrimmed.put("user", u);

        assertThat(roundTrip(untrimmed)).hasValueSatisfying(e -> {
            assertThat(e.getKey()).isEqualTo(session(NOW));
            assertThat(e.getValue()).isEqualTo(user(NOW));
        });
    }

    @Test
    void aSessionWhoseUserIdDiffersFromItsUsersKeepsItsOwn() {
        Session other = new Session("s1", "u2", NOW.plusSeconds(3600), NOW.plusSeconds(86_400), NOW, NOW,
                Optional.empty(), Optional.empty(), true);
        assertThat(roundTrip(SessionClaims.of(other, user(NOW), "hash"))).hasValueSatisfying(e ->
                assertThat(e.getKey().getUserId()).isEqualTo("u2"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> isoInstants(Map<String, Object> claims) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        for (String part : List.of("session", "user")) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) claims.get(part));
            m.replaceAll((k, v) -> k.endsWith("At") && v instanceof Long ms ? Instant.ofEpochMilli(ms).toString() : v);
            copy.put(part, m);
        }
        return copy;
    }
}
