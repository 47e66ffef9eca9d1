package dev.sessionauth.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionauth.AuthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Caps the password hashing that every way in does ({@code password.maxConcurrentHashes} at once, default one per
 * core): bcrypt is pure CPU, so more at once only slows every one of them and starves the rest of the app. The rest
 * wait for at most {@code password.hashQueueTimeout}, and at most {@value #WAITING_PER_SLOT} per slot wait at all
 * (every waiter holds a request thread); past either bound the request is refused at once with 429 and
 * {@code Retry-After: 1}.
 *
 * <p>Who goes next is not first come, first served, which a flood from many addresses would win by arriving more
 * often: the queue takes turns. A waiter ranks, best first, by
 * <ol>
 *   <li>whether its address is, at the moment of the decision, guessing ({@value #GUESSING_FAILURES} or more failed password checks in the last
 *       minute) or pressing (asking for checks, refused ones too, faster than two a second for long enough to run
 *       {@value #PRESSING_DEMAND} ahead, which a flood does even when the queue lets none of it through to fail): a flood waits behind everyone who is
 *       not flooding;</li>
 *   <li>how many waiters of its own address are ahead of it: each address gets one turn before any gets a second;</li>
 *   <li>how long ago its address, then its account, last had a turn (within the last ten seconds): the
 *       longest-waiting goes first;</li>
 *   <li>arrival.</li>
 * </ol>
 * The same order decides who stays when the queue is full: a newcomer that ranks better than the worst waiter takes
 * its place (that waiter is refused), so a flood cannot keep a user out by keeping the queue full. An honest burst
 * (one person's devices signing in at once) ranks well and is served in arrival order.
 */
final class HashingQueue {
    /** Waiting checks per slot; at bcrypt cost 10 (~70 ms) that is about a second of work queued. */
    static final int WAITING_PER_SLOT = 16;
    /** Failed checks from one address within {@link #FAILURE_MEMORY} that mark it as guessing. */
    static final int GUESSING_FAILURES = 5;
    /**
     * How far an address's asks may run ahead of {@link #DEMAND_DRAIN_PER_SECOND} before it counts as pressing: a
     * person retrying by hand, or one's devices signing in together, stays far below; a flood (which the per-address
     * allowance lets reach ten a second) passes it within two seconds and stays past it while it goes on.
     */
    static final int PRESSING_DEMAND = 10;
    private static final double DEMAND_DRAIN_PER_SECOND = 2;
    private static final Duration FAILURE_MEMORY = Duration.ofMinutes(1);
    /** How long a turn counts against its address and account when turns are taken in turn. */
    private static final Duration TURN_MEMORY = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long MAX_KEYS = 100_000;
    /** Addresses and accounts whose last turn is remembered; the least recently served are forgotten first. */
    private static final int MAX_TURNS = 10_000;

    private final int maxWaiting;
    private final long timeoutNanos;
    // One lock, held only for decisions over at most maxWaiting entries; each waiter is woken alone, by its own
    // condition, when it is served or refused (a flood of arrivals must not make every waiter re-contend the lock).
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Waiter> waiting = new ArrayList<>();
    /**
     * Address or account → the turn it last had (a counter) and when. Guarded by the lock. A turn older than
     * {@link #TURN_MEMORY} counts as none: served a while ago and never served wait alike.
     */
    private final Map<String, Turn> lastTurns = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Turn> eldest) {
            return size() > MAX_TURNS;
        }
    };
    private final Cache<String, AtomicInteger> failures;
    private final Cache<String, Demand> demand;
    private int free;
    private long turns;
    private long arrivals;

    HashingQueue(int slots, Duration timeout) {
        this.free = slots;
        this.maxWaiting = slots * WAITING_PER_SLOT;
        this.timeoutNanos = timeout.toNanos();
        this.failures = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(FAILURE_MEMORY)
                .executor(Runnable::run).build();
        this.demand = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(FAILURE_MEMORY)
                .executor(Runnable::run).build();
    }

    /**
     * An address's recent asks as a leaky bucket: each ask adds one, the level drains at
     * {@link #DEMAND_DRAIN_PER_SECOND}, so a steady flood keeps it high and a pause empties it.
     */
    private record Demand(double level, long atNanos) {
        Demand next(long now) {
            double drained = level - (now - atNanos) / 1e9 * DEMAND_DRAIN_PER_SECOND;
            return new Demand(Math.max(0, drained) + 1, now);
        }
    }

    /**
     * Runs {@code work} (which hashes or checks a password) in a slot, as a turn of {@code address} and
     * {@code account} (either may be empty when unknown); refuses with {@code TOO_MANY_REQUESTS} when none frees up
     * in time or the queue is full of better-ranked waiters.
     */
    <T> T run(String address, String account, Supplier<T> work) {
        acquire(address, account);
        try {
            return work.get();
        } finally {
            release();
        }
    }

    /** A password check from {@code address} failed: past {@value #GUESSING_FAILURES} the address waits last. */
    void failed(String address) {
        failures.get(address, a -> new AtomicInteger()).incrementAndGet();
    }

    /** How many wait for a slot now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void acquire(String address, String account) {
        ask(address);
        lock.lock();
        try {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                takeTurn(address, account);
                return;
            }
            Waiter me = new Waiter(address, account, arrivals++, lock.newCondition());
            if (waiting.size() >= maxWaiting) {
                Waiter worst = ranked(me).worst();
                if (worst == me) {
                    throw busy();
                }
                waiting.remove(worst);
                worst.state = State.REFUSED;
                worst.wake.signal();
            }
            waiting.add(me);
            await(me);
        } finally {
            lock.unlock();
        }
    }

    /** Waits, holding the lock between wake-ups, until served, refused or out of time. */
    private void await(Waiter me) {
        long left = timeoutNanos;
        try {
            while (me.state == State.WAITING) {
                if (left <= 0) {
                    waiting.remove(me);
                    throw busy();
                }
                left = me.wake.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (me.state == State.GRANTED) {
                handOn();
            }
            waiting.remove(me);
            throw busy();
        }
        if (me.state == State.REFUSED) {
            throw busy();
        }
    }

    private void release() {
        lock.lock();
        try {
            handOn();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a free slot to the best waiter, or keeps it free. Holds the lock. */
    private void handOn() {
        if (waiting.isEmpty()) {
            free++;
            return;
        }
        Waiter next = ranked(null).best();
        waiting.remove(next);
        next.state = State.GRANTED;
        takeTurn(next.address, next.account);
        next.wake.signal();
    }

    private void takeTurn(String address, String account) {
        Turn turn = new Turn(++turns, System.nanoTime());
        lastTurns.put("a " + address, turn);
        lastTurns.put("u " + account, turn);
    }

    /** A turn taken: its number, and when. */
    private record Turn(long number, long atNanos) {
    }

    /** Counts one ask of {@code address} in its demand. */
    private void ask(String address) {
        long now = System.nanoTime();
        demand.asMap().compute(address, (a, old) -> old == null ? new Demand(1, now) : old.next(now));
    }

    /**
     * Whether the address is flooding now: guessing (failed checks) or pressing (asking faster than a person would).
     * Judged at each decision, not at arrival, so a waiter that came in early in a flood falls behind once its
     * address shows what it is.
     */
    private boolean isFlooding(String address, long now) {
        AtomicInteger count = failures.getIfPresent(address);
        if (count != null && count.get() >= GUESSING_FAILURES) {
            return true;
        }
        Demand d = demand.getIfPresent(address);
        return d != null && d.level() - (now - d.atNanos()) / 1e9 * DEMAND_DRAIN_PER_SECOND > PRESSING_DEMAND;
    }

    /**
     * The waiters (and {@code newcomer}, when given, as if it had just joined) with their ranks, computed once per
     * decision: best first is fewest failures, then fewest of its own address ahead, then the longest since its
     * address and its account had a turn, then arrival. Holds the lock.
     */
    private Ranking ranked(Waiter newcomer) {
        Map<String, Integer> perAddress = new HashMap<>();
        Map<String, Boolean> flooding = new HashMap<>();
        long now = System.nanoTime();
        Waiter best = null;
        long[] bestKey = null;
        Waiter worst = null;
        long[] worstKey = null;
        int n = waiting.size() + (newcomer == null ? 0 : 1);
        for (int i = 0; i < n; i++) {
            Waiter w = i < waiting.size() ? waiting.get(i) : newcomer;
            int ahead = perAddress.merge(w.address, 1, Integer::sum) - 1;
            boolean flood = flooding.computeIfAbsent(w.address, a -> isFlooding(a, now));
            long[] key = {flood ? 1 : 0, ahead, lastTurn("a " + w.address, now), lastTurn("u " + w.account, now),
                    w.arrival};
            if (best == null || Arrays.compare(key, bestKey) < 0) {
                best = w;
                bestKey = key;
            }
            if (worst == null || Arrays.compare(key, worstKey) > 0) {
                worst = w;
                worstKey = key;
            }
        }
        return new Ranking(best, worst);
    }

    private record Ranking(Waiter best, Waiter worst) {
    }

    private long lastTurn(String key, long now) {
        Turn turn = lastTurns.get(key);
        return turn == null || now - turn.atNanos() > TURN_MEMORY.toNanos() ? 0 : turn.number();
    }

    private static AuthException busy() {
        return AuthException.tooManyRequests("The server is checking too many passwords at once; try again in a"
                + " moment", RETRY_AFTER);
    }

    private enum State { WAITING, GRANTED, REFUSED }

    /** One request waiting for a slot. Its state changes only under the queue's lock. */
    private static final class Waiter {
        final String address;
        final String account;
        final long arrival;
        final Condition wake;
        State state = State.WAITING;

        Waiter(String address, String account, long arrival, Condition wake) {
            this.address = address;
            this.account = account;
            this.arrival = arrival;
            this.wake = wake;
        }
    }
}
