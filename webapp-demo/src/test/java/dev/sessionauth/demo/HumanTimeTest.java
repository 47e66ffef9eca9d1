package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Times as the session list, the notes and the mailbox say them. */
class HumanTimeTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30.123456Z");

    @ParameterizedTest
    @CsvSource({
            "0, just now", "44, just now",
            "45, a minute ago", "89, a minute ago", "120, 2 minutes ago", "150, 3 minutes ago",
            "2640, 44 minutes ago", "2700, an hour ago", "7200, 2 hours ago", "75600, 21 hours ago",
            "79200, a day ago", "172800, 2 days ago", "2160000, 25 days ago",
            "2246400, a month ago", "5270400, 2 months ago", "27648000, a year ago", "63158400, 2 years ago"})
    void thePastIsSaidAsPeopleRoundIt(long secondsAgo, String words) {
        assertThat(HumanTime.between(NOW.minusSeconds(secondsAgo), NOW)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({"10, in a few seconds", "120, in 2 minutes", "86400, in a day",
            "2592000, in a month", "604800, in 7 days"})
    void theFutureTooForWhenASessionExpires(long secondsAhead, String words) {
        assertThat(HumanTime.between(NOW.plusSeconds(secondsAhead), NOW)).isEqualTo(words);
    }

    @Test
    void aThirtyDaySessionJustStartedExpiresInAMonthNotIn29Days() {
        assertThat(HumanTime.between(NOW.plus(Duration.ofDays(30)).minusMillis(5), NOW)).isEqualTo("in a month");
    }

    @Test
    void theExactTimeIsIsoToTheSecond() {
        assertThat(HumanTime.iso(NOW)).isEqualTo("2026-12-07T10:15:30Z");
        assertThat(HumanTime.iso(null)).isEmpty();
        assertThat(HumanTime.between(null, NOW)).isEmpty();
    }
}
