package dev.sessionauth.engine;

import dev.sessionauth.Cleanup;
import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.MetaStore;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.VerificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's background work. Every ten minutes the instance that holds the cleanup lease deletes expired
 * sessions, verification secrets, throttle windows and old revocation log entries in batches; in between, verification
 * mail goes out from the same thread so a slow mail server never holds up a request. Under the jwt strategy a
 * thread of its own reads the revocation log every {@code session.cookieCache.revocationPollInterval}, so neither
 * mail nor a long cleanup delays what the cookie cache learns.
 */
final class Housekeeping implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());
    private static final int BATCH = 1000;

    private final Clock clock;
    private final SessionStore sessions;
    private final VerificationStore verifications;
    private final AttemptStore attempts;
    private final RevokedSessions revoked;
    private final CleanupLease lease;
    private final ScheduledExecutorService background;
    private final Optional<ScheduledExecutorService> polling;

    /**
     * @param pollInterval how often to read the revocation log, when this instance trusts cached cookies (the first
     *                     read happens here, before the instance serves anything)
     */
    public Housekeeping(Clock clock, SessionStore sessions, VerificationStore verifications, AttemptStore attempts,
                        MetaStore meta, RevokedSessions revoked, Optional<Duration> pollInterval) {
        this.clock = clock;
        this.sessions = sessions;
        this.verifications = verifications;
        this.attempts = attempts;
        this.revoked = revoked;
        this.lease = new CleanupLease(meta);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sessionauth-background"));
        background.scheduleWithFixedDelay(this::deleteExpiredRows, 1, 10, TimeUnit.MINUTES);
        this.polling = pollInterval.map(interval -> {
            revoked.poll();
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
                    r -> daemon(r, "sessionauth-revocations"));
            poller.scheduleWithFixedDelay(revoked::poll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
            return poller;
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs work (sending mail) on the background thread. */
    public Executor background() {
        return background;
    }

    /**
     * Deletes expired sessions, verification secrets, throttle windows and revocation log entries too old to matter,
     * in batches, unless another instance holds the cleanup lease; failures wait for next time.
     */
    public Cleanup deleteExpiredRows() {
        Instant started = Instants.now(clock);
        long deleted = 0;
        int batches = 0;
        boolean ran = false;
        try {
            if (!lease.acquire(started)) {
                return new Cleanup(false, 0, 0, started, started);
            }
            ran = true;
            try {
                int n;
                do {
                    n = sessions.deleteExpired(started, BATCH);
                    deleted += n;
                    batches++;
                } while (n == BATCH && lease.renew(Instants.now(clock)));
                do {
                    n = verifications.deleteExpired(started, BATCH);
                } while (n == BATCH);
                do {
                    n = attempts.deleteEnded(started, BATCH);
                } while (n == BATCH);
                Instant oldest = revoked.oldestThatMatters();
                do {
                    n = sessions.deleteRevocationsBefore(oldest, BATCH);
                } while (n == BATCH);
            } finally {
                lease.release();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting expired rows failed; will retry: " + e.getMessage());
        }
        return new Cleanup(ran, deleted, batches, started, Instants.now(clock));
    }

    @Override
    public void close() {
        polling.ifPresent(ScheduledExecutorService::shutdownNow);
        background.shutdownNow();
    }
}
