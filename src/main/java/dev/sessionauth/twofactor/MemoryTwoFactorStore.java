package dev.sessionauth.twofactor;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TwoFactorStore} in this instance's memory, for engines whose stores are in memory (tests, a single
 * instance): every method holds the one lock, which is what makes each conditional change atomic here.
 */
final class MemoryTwoFactorStore implements TwoFactorStore {
    private record Trusted(String userId, Instant expiresAt) {
    }

    private final Map<String, Enrolment> enrolments = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Trusted> trusted = new HashMap<>();

    @Override
    public synchronized Optional<Enrolment> find(String userId) {
        return Optional.ofNullable(enrolments.get(userId));
    }

    @Override
    public synchronized boolean enrol(Enrolment e, Instant now) {
        Enrolment current = enrolments.get(e.userId());
        if (current != null && current.verified()) {
            return false;
        }
        enrolments.put(e.userId(), e);
        return true;
    }

    @Override
    public synchronized boolean acceptStep(String userId, String secret, long step, Instant now) {
        Enrolment e = enrolments.get(userId);
        if (e == null || !e.secret().equals(secret) || e.lastStep() >= step) {
            return false;
        }
        enrolments.put(userId, new Enrolment(userId, secret, e.issuer(), e.backupCodes(), true, step));
        return true;
    }

    @Override
    public synchronized boolean replaceBackupCodes(String userId, String expected, String replacement, Instant now) {
        Enrolment e = enrolments.get(userId);
        if (e == null || !e.backupCodes().equals(expected)) {
            return false;
        }
        enrolments.put(userId, new Enrolment(userId, e.secret(), e.issuer(), replacement, e.verified(), e.lastStep()));
        return true;
    }

    @Override
    public synchronized boolean delete(String userId) {
        return enrolments.remove(userId) != null;
    }

    @Override
    public synchronized void createPending(String idHash, Pending p, Instant now) {
        pending.put(idHash, p);
    }

    @Override
    public synchronized Optional<Pending> findPending(String idHash, Instant now) {
        return Optional.ofNullable(pending.get(idHash)).filter(p -> p.expiresAt().isAfter(now));
    }

    @Override
    public synchronized boolean spendAttempt(String idHash, int max, Instant now) {
        Pending p = pending.get(idHash);
        if (p == null || !p.expiresAt().isAfter(now) || p.attempts() >= max) {
            return false;
        }
        pending.put(idHash, new Pending(p.userId(), p.method(), p.rememberMe(), p.attempts() + 1, p.expiresAt()));
        return true;
    }

    @Override
    public synchronized boolean consumePending(String idHash, Instant now) {
        Pending p = pending.remove(idHash);
        return p != null && p.expiresAt().isAfter(now);
    }

    @Override
    public synchronized void deletePending(String userId) {
        pending.values().removeIf(p -> p.userId().equals(userId));
    }

    @Override
    public synchronized void createTrusted(String idHash, String userId, Instant expiresAt, Instant now) {
        trusted.put(idHash, new Trusted(userId, expiresAt));
    }

    @Override
    public synchronized Optional<Instant> consumeTrusted(String idHash, String userId, Instant now) {
        Trusted t = trusted.get(idHash);
        if (t == null || !t.userId().equals(userId) || !t.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        trusted.remove(idHash);
        return Optional.of(t.expiresAt());
    }

    @Override
    public synchronized int deleteTrusted(String userId) {
        int before = trusted.size();
        trusted.values().removeIf(t -> t.userId().equals(userId));
        return before - trusted.size();
    }

    @Override
    public synchronized void deleteExpired(Instant now, int limit) {
        pending.values().removeIf(p -> !p.expiresAt().isAfter(now));
        trusted.values().removeIf(t -> !t.expiresAt().isAfter(now));
    }
}
