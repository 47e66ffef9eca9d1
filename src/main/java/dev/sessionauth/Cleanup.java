package dev.sessionauth;

import java.time.Instant;

/**
 * What one run of the expired-row cleanup did: nothing when another instance held the cleanup lease, else how many
 * expired sessions it deleted and in how many batches, and when it started and finished (by the engine's clock).
 */
public record Cleanup(boolean ran, long sessionsDeleted, int sessionBatches, Instant started, Instant finished) {
}
