package dev.sessionauth.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as the engine writes them: millisecond precision, what every database keeps. */
final class Instants {
    private Instants() {
    }

    /** Now, truncated to milliseconds, so values read back from the store compare equal. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static <T extends Comparable<T>> T min(T a, T b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
