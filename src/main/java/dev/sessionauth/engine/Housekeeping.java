package dev.sessionauth.engine;

import dev.sessionauth.store.AttemptStore;
import dev.sessionauth.store.SessionStore;
import dev.sessionauth.store.VerificationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one background thread: every ten minutes it deletes expired sessions, verification secrets and
 * throttle windows in batches, and in between it sends verification mail so a slow mail server never holds up a
 * request.
 */
final class Housekeeping implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());
    private static final int BATCH = 1000;

    private final Clock clock;
    private final SessionStore sessions;
    private final VerificationStore verifications;
    private final AttemptStore attempts;
    private final ScheduledExecutorService background;

    public Housekeeping(Clock clock, SessionStore sessions, VerificationStore verifications, AttemptStore attempts) {
        this.clock = clock;
        this.sessions = sessions;
        this.verifications = verifications;
        this.attempts = attempts;
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sessionauth-background");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::deleteExpiredRows, 1, 10, TimeUnit.MINUTES);
    }

    /** Runs work (sending mail) on the background thread. */
    public Executor background() {
        return background;
    }

    /** Deletes expired sessions, verification secrets and throttle windows in batches; failures wait for next time. */
    public void deleteExpiredRows() {
        try {
            Instant now = Instants.now(clock);
            int deleted;
            do {
                deleted = sessions.deleteExpired(now, BATCH);
            } while (deleted == BATCH);
            do {
                deleted = verifications.deleteExpired(now, BATCH);
            } while (deleted == BATCH);
            do {
                deleted = attempts.deleteEnded(now, BATCH);
            } while (deleted == BATCH);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting expired rows failed; will retry: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
