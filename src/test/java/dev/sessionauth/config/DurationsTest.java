package dev.sessionauth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}s")
    @CsvSource(delimiter = '|', textBlock = """
            30d    | 2592000
            24h    | 86400
            15m    | 900
            90s    | 90
            3600   | 3600
            0      | 0
            1d     | 86400
            '  15m ' | 900
            """)
    void acceptsDaysHoursMinutesSecondsAndPlainSeconds(String text, long seconds) {
        assertThat(Durations.parse(text)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"7x", "-1d", "1.5h", "", "   ", "d", "15M", "15 m", "1d2h", "+5", "1e3", "P1D", "-5",
            "s", "h1", "0x10"})
    void refusesEverythingElse(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0       | 0s
            1       | 1s
            90      | 90s
            120     | 2m
            900     | 15m
            3600    | 1h
            5400    | 90m
            86400   | 1d
            90000   | 25h
            604800  | 7d
            2592000 | 30d
            3601    | 3601s
            """)
    void formatsTheShortestExactForm(long seconds, String expected) {
        assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}s survives format then parse")
    @ValueSource(longs = {0, 1, 59, 60, 61, 3599, 3600, 86399, 86400, 604800, 2592000, 31536000})
    void formatThenParseGivesTheSameDuration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        assertThat(Durations.parse(Durations.format(d))).contains(d);
    }
}
