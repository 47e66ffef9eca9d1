package dev.sessionauth.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionauth.AuthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>whether its address is guessing ({@value #GUESSING_FAILURES} or more failed password checks in the last
 *       minute): a flood of wrong passwords waits behind everyone who is not flooding;</li>
 *   <li>how many waiters of its own address are ahead of it: each address gets one turn before any gets a second;</li>
 *   <li>how long ago its address, then its account, last had a turn: the longest-waiting goes first;</li>
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
    private static final Duration FAILURE_MEMORY = Duration.ofMinutes(1);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long MAX_KEYS = 100_000;

    private final int maxWaiting;
    private final long timeoutNanos;
    private final Object lock = new Object();
    private final List<Waiter> waiting = new ArrayList<>();
    /** Address or account → the turn it last had (a counter, not a time). Bounded, forgotten when idle. */
    private final Cache<String, Long> lastTurns;
    private final Cache<String, AtomicInteger> failures;
    private int free;
    private long turns;
    private long arrivals;

    HashingQueue(int slots, Duration timeout) {
        this.free = slots;
        this.maxWaiting = slots * WAITING_PER_SLOT;
        this.timeoutNanos = timeout.toNanos();
        this.lastTurns = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(FAILURE_MEMORY)
                .executor(Runnable::run).build();
        this.failures = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(FAILURE_MEMORY)
                .executor(Runnable::run).build();
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
        synchronized (lock) {
            return waiting.size();
        }
    }

    private void acquire(String address, String account) {
        Waiter me;
        synchronized (lock) {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                takeTurn(address, account);
                return;
            }
            me = new Waiter(address, account, arrivals++, isGuessing(address));
            if (waiting.size() >= maxWaiting) {
                Waiter worst = waiting.stream().max(order()).orElseThrow();
                if (order().compare(me, worst) >= 0) {
                    throw busy();
                }
                waiting.remove(worst);
                worst.state = State.REFUSED;
                lock.notifyAll();
            }
            waiting.add(me);
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                while (me.state == State.WAITING) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        waiting.remove(me);
                        throw busy();
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
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
    }

    private void release() {
        synchronized (lock) {
            handOn();
        }
    }

    /** Gives a free slot to the best waiter, or keeps it free. Holds the lock. */
    private void handOn() {
        if (waiting.isEmpty()) {
            free++;
            return;
        }
        Waiter next = waiting.stream().min(order()).orElseThrow();
        waiting.remove(next);
        next.state = State.GRANTED;
        takeTurn(next.address, next.account);
        lock.notifyAll();
    }

    private void takeTurn(String address, String account) {
        long turn = ++turns;
        lastTurns.put("a " + address, turn);
        lastTurns.put("u " + account, turn);
    }

    private boolean isGuessing(String address) {
        AtomicInteger count = failures.getIfPresent(address);
        return count != null && count.get() >= GUESSING_FAILURES;
    }

    /** Best first; see the class comment. Reads the waiting list, so it is used only under the lock. */
    private Comparator<Waiter> order() {
        return Comparator.<Waiter>comparingInt(w -> w.guessing ? 1 : 0)
                .thenComparingLong(this::aheadOfItsAddress)
                .thenComparingLong(w -> lastTurn("a " + w.address))
                .thenComparingLong(w -> lastTurn("u " + w.account))
                .thenComparingLong(w -> w.arrival);
    }

    private long aheadOfItsAddress(Waiter w) {
        return waiting.stream().filter(o -> o != w && o.address.equals(w.address) && o.arrival < w.arrival).count();
    }

    private long lastTurn(String key) {
        Long turn = lastTurns.getIfPresent(key);
        return turn == null ? 0 : turn;
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
        final boolean guessing;
        State state = State.WAITING;

        Waiter(String address, String account, long arrival, boolean guessing) {
            this.address = address;
            this.account = account;
            this.arrival = arrival;
            this.guessing = guessing;
        }
    }
}
