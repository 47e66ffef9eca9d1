package dev.sessionauth.spi;

import java.time.Instant;

/** The attempts counted for one key in its open window, and when that window ends. */
public record AttemptWindow(int attempts, Instant endsAt) {
}
