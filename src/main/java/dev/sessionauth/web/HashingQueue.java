package dev.sessionauth.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Caps the password hashing that sign-in and sign-up do ({@code password.maxConcurrentHashes} at once, default one
 * per core): bcrypt is pure CPU, so more at once only slows every one of them and starves the rest of the app.
 * Others wait their turn, first come first served, for at most {@code password.hashQueueTimeout}, and at most
 * {@value #WAITING_PER_SLOT} per slot wait at all.
 *
 * <p>Past either bound the request is refused at once with 429 and {@code Retry-After: 1}, not queued further: a
 * longer queue would only answer later what it cannot answer sooner (the CPU is the limit), while every waiting
 * request holds one of the container's threads that the rest of the app needs. Honest bursts fit in the queue; a
 * flood is turned away cheaply, and its share of the hashing stays at what the per-address limit lets through.
 */
final class HashingQueue {
    /** Waiting sign-ins per slot; at bcrypt cost 10 (~70 ms) that is about a second of work queued. */
    static final int WAITING_PER_SLOT = 16;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore slots;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final long timeoutNanos;

    HashingQueue(int slots, Duration timeout) {
        this.slots = new Semaphore(slots, true);
        this.maxWaiting = slots * WAITING_PER_SLOT;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Runs {@code work} (which hashes or checks a password) in a slot; refuses when none frees up in time. */
    <T> T run(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        try {
            // A zero timeout, unlike tryAcquire(), does not jump the queue of those already waiting.
            if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (slots.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw busy();
    }

    private static TooManyRequestsException busy() {
        return new TooManyRequestsException("The server is checking too many passwords at once; try again in a"
                + " moment", RETRY_AFTER);
    }
}
