package dev.sessionauth.engine;

import dev.sessionauth.Session;
import dev.sessionauth.spi.Revocation;
import dev.sessionauth.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance knows of sessions ended on purpose in the last {@code session.cookieCache.maxAge}, so the jwt
 * strategy's cookie cache stops vouching for them within seconds instead of minutes, with no store read per
 * request: revocations made here are known at once, those of other instances from the revocation log, which
 * {@link #poll()} reads (one indexed query) every {@code session.cookieCache.revocationPollInterval}. A cached cookie
 * issued before a revocation that ends its session is not trusted; the store decides instead.
 */
final class RevokedSessions {
    private static final System.Logger LOG = System.getLogger(RevokedSessions.class.getName());
    /**
     * Caches issued up to this long after a revocation are doubted too: {@code iat} is rounded down to the second,
     * a request may read the row just before the delete and sign its cache just after, and clocks differ a little.
     * A doubted cache of a live session costs one store read, which issues a new cache.
     */
    static final Duration MARGIN = Duration.ofSeconds(1);
    private static final int PAGE = 1000;
    /** Polls that may fail in a row before cached cookies are no longer trusted at all. */
    private static final int MISSED_POLLS = 5;

    /** What an entry ends, without its time: the key under which the latest time is kept. */
    private record Target(Revocation.Scope scope, String sessionId) {
    }

    private final Clock clock;
    private final SessionStore sessions;
    private final Duration cacheMaxAge;
    private final long staleAfterNanos;
    // userId -> what ended -> when (the latest); replaced whole under compute, read without locks.
    private final ConcurrentHashMap<String, Map<Target, Instant>> byUser = new ConcurrentHashMap<>();
    // Touched by the polling thread only.
    private long cursor;
    private long previousCursor;
    private volatile long lastPollNanos;
    private volatile boolean polled;

    RevokedSessions(Clock clock, SessionStore sessions, Duration cacheMaxAge, Duration pollInterval) {
        this.clock = clock;
        this.sessions = sessions;
        this.cacheMaxAge = cacheMaxAge;
        this.staleAfterNanos = pollInterval.multipliedBy(MISSED_POLLS).toNanos();
    }

    /** A revocation made by this instance: known here at once, before the rows are even deleted. */
    void record(Revocation r) {
        byUser.compute(r.userId(), (user, known) -> {
            Map<Target, Instant> next = known == null ? new HashMap<>() : new HashMap<>(known);
            next.merge(new Target(r.scope(), r.sessionId()), r.revokedAt(),
                    (a, b) -> a.isAfter(b) ? a : b);
            return Map.copyOf(next);
        });
    }

    /**
     * Whether a cache of {@code session} issued at {@code issuedAt} may no longer vouch for it: a revocation known
     * here ends the session and came after (or just before) the cache was issued; or the log has not been read for
     * {@value #MISSED_POLLS} poll intervals, so a revocation may have gone unseen (fail closed: the store decides).
     */
    boolean doubts(Session session, Instant issuedAt) {
        if (!polled || System.nanoTime() - lastPollNanos > staleAfterNanos) {
            return true;
        }
        Map<Target, Instant> known = byUser.get(session.getUserId());
        if (known == null) {
            return false;
        }
        for (Map.Entry<Target, Instant> e : known.entrySet()) {
            Revocation r = new Revocation(session.getUserId(), e.getKey().scope(), e.getKey().sessionId(), e.getValue());
            if (r.ends(session.getUserId(), session.getId()) && issuedAt.isBefore(e.getValue().plus(MARGIN))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the log entries written since the last poll (the previous poll's range once more: a sequence number is
     * taken at insert, so an entry may become visible after a higher one) and forgets entries too old to matter.
     * Runs on one thread; a failure is logged and the next poll tries again.
     */
    void poll() {
        try {
            long from = previousCursor;
            long highest = cursor;
            List<Revocation.Logged> page;
            do {
                page = sessions.revocationsAfter(from, PAGE);
                for (Revocation.Logged logged : page) {
                    record(logged.revocation());
                    from = logged.sequence();
                    highest = Math.max(highest, from);
                }
            } while (page.size() == PAGE);
            previousCursor = cursor;
            cursor = highest;
            lastPollNanos = System.nanoTime();
            polled = true;
            forgetBefore(oldestThatMatters());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the revocation log failed; will retry: " + e.getMessage());
        }
    }

    /** Entries before this can be pruned: every cache they could refuse has expired by now. */
    Instant oldestThatMatters() {
        return Instants.now(clock).minus(cacheMaxAge).minus(MARGIN);
    }

    private void forgetBefore(Instant oldest) {
        for (String user : byUser.keySet()) {
            byUser.computeIfPresent(user, (u, known) -> {
                Map<Target, Instant> kept = new HashMap<>(known);
                kept.values().removeIf(at -> at.isBefore(oldest));
                return kept.isEmpty() ? null : Map.copyOf(kept);
            });
        }
    }
}
