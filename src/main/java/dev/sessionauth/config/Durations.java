package dev.sessionauth.config;

import java.time.Duration;
import java.util.Optional;

/** Reads and writes the duration syntax of the configuration: {@code 30d}, {@code 24h}, {@code 15m}, {@code 90s} or plain seconds. */
public final class Durations {
    /** The longest duration a setting accepts: anything longer overflows timestamps somewhere. */
    public static final Duration MAX = Duration.ofDays(36_500);

    private Durations() {
    }

    /** The duration written in {@code text}, or empty when it is not one of the accepted forms. */
    public static Optional<Duration> parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        char unit = s.charAt(s.length() - 1);
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long n = Long.parseLong(digits);
        Optional<Duration> d = switch (unit) {
            case 'd' -> Optional.of(Duration.ofDays(n));
            case 'h' -> Optional.of(Duration.ofHours(n));
            case 'm' -> Optional.of(Duration.ofMinutes(n));
            case 's' -> Optional.of(Duration.ofSeconds(n));
            default -> Character.isDigit(unit) ? Optional.of(Duration.ofSeconds(n)) : Optional.empty();
        };
        return d;
    }

    /** The shortest exact form of a duration in this syntax, for messages. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
