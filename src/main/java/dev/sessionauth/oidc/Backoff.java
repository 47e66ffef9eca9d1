package dev.sessionauth.oidc;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before the next try after {@code n} failures in a row: {@code first}, doubled each time, never
 * more than {@code max}. A provider that is down is asked again soon, then about once per {@code max}.
 */
public record Backoff(Duration first, Duration max) {
    /** 1 s, 2 s, 4 s … at most 60 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** Both positive, {@code first} no more than {@code max}. */
    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max");
        }
    }

    /** The wait after {@code failures} (at least 1) failures in a row. */
    public Duration delay(int failures) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
