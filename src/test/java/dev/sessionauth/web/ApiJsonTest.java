package dev.sessionauth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wire shapes: the streamed get-session body and the trees are the same JSON, timestamps as JavaScript writes them. */
class ApiJsonTest {
    private static final DateTimeFormatter JS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final ObjectMapper mapper = JsonBody.strictMapper();
    private final ApiJson json = new ApiJson(mapper);

    @Test
    void timestampsAreWrittenAsDateToJsonWritesThem() {
        assertThat(ApiJson.timestamp(Instant.parse("2026-12-07T04:05:06Z"))).isEqualTo("2026-12-07T04:05:06.000Z");
        assertThat(ApiJson.timestamp(Instant.parse("1970-01-01T00:00:00.009999999Z")))
                .isEqualTo("1970-01-01T00:00:00.009Z");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            assertThat(ApiJson.timestamp(t)).as(t.toString()).isEqualTo(JS.format(t));
        }
    }

    @Test
    void aTimestampOutsideFourDigitYearsIsRefusedNotMisprinted() {
        assertThatThrownBy(() -> ApiJson.timestamp(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStreamedGetSessionBodyIsTheTreeSerialized() throws Exception {
        Instant now = Instant.parse("2026-12-07T04:05:06.789Z");
        Session session = new Session("s1", "u1", now.plusSeconds(60), now.plusSeconds(120), now, now,
                Optional.empty(), Optional.of("Agent \"quoted\" <x>"), true,
                Map.of("device", "phone", "score", 4.5));
        User user = new User("u1", "Ada \u2603", "ada@example.com", true, Optional.of("https://x/a.png"), now, now,
                Map.of("preferences", Map.of("theme", "dark", "tags", List.of(1, 2)), "newsletter", true));

        byte[] streamed = json.sessionAndUserBytes(session, user);

        assertThat(mapper.readTree(streamed)).isEqualTo(json.sessionAndUser(session, user));
        assertThat(mapper.readTree(streamed).path("session").path("ipAddress").isNull()).isTrue();
        assertThat(mapper.readTree(streamed).path("user").path("preferences").path("tags").toString())
                .isEqualTo("[1,2]");
        assertThat(mapper.readTree(streamed).path("session").path("token").asText()).isEqualTo("s1");
    }
}
