package dev.sessionauth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who the hashing queue serves next: not first come, first served, which a flood from many addresses wins by arriving
 * more often, but turns between addresses and accounts, with addresses that keep failing password checks last; and
 * when the queue is full a better-ranked newcomer takes the place of the worst waiter.
 */
class HashingQueueOrderTest {
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, String> refused = new ConcurrentHashMap<>();
    private final CountDownLatch holderIn = new CountDownLatch(1);
    private final CountDownLatch releaseHolder = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        releaseHolder.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    /** A queue of one slot, held by a check that waits for {@link #releaseHolder}. */
    private HashingQueue heldQueue() throws InterruptedException {
        HashingQueue queue = new HashingQueue(1, Duration.ofSeconds(30));
        start(queue, "holder", "10.0.0.1", "holder@example.com", () -> {
            holderIn.countDown();
            await(releaseHolder);
        });
        assertThat(holderIn.await(10, TimeUnit.SECONDS)).isTrue();
        return queue;
    }

    private Thread start(HashingQueue queue, String name, String address, String account, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                queue.run(address, account, () -> {
                    served.add(name);
                    work.run();
                    return null;
                });
            } catch (AuthException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
                refused.put(name, e.getMessage());
            }
        }, "check-" + name);
        threads.add(t);
        t.start();
        return t;
    }

    /**
     * Queues a check and waits until it waits in the queue (or was refused), so arrival order is the order of these
     * calls.
     */
    private void arrive(HashingQueue queue, String name, String address, String account) throws InterruptedException {
        Thread t = start(queue, name, address, account, () -> { });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.TERMINATED
                && System.nanoTime() < until) {
            Thread.sleep(1);
        }
    }

    private List<String> servedAfterRelease(int expected) throws InterruptedException {
        releaseHolder.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (served.size() < expected + 1 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        return served.subList(1, served.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void eachAddressGetsATurnBeforeAnyGetsASecond() throws InterruptedException {
        HashingQueue queue = heldQueue();
        arrive(queue, "flood-1", "203.0.113.9", "a@example.com");
        arrive(queue, "flood-2", "203.0.113.9", "b@example.com");
        arrive(queue, "flood-3", "203.0.113.9", "c@example.com");
        arrive(queue, "user", "198.51.100.4", "ann@example.com");

        assertThat(servedAfterRelease(4)).containsExactly("flood-1", "user", "flood-2", "flood-3");
    }

    @Test
    void anAddressThatKeepsFailingWaitsBehindEveryoneElse() throws InterruptedException {
        HashingQueue queue = heldQueue();
        for (int i = 0; i < HashingQueue.GUESSING_FAILURES; i++) {
            queue.failed("203.0.113.9");
        }
        arrive(queue, "guess-1", "203.0.113.9", "x@example.com");
        arrive(queue, "other-guess", "203.0.113.10", "y@example.com");
        arrive(queue, "user", "198.51.100.4", "ann@example.com");

        assertThat(servedAfterRelease(3)).containsExactly("other-guess", "user", "guess-1");
    }

    @Test
    void aNewcomerTakesTheFullQueuesWorstPlaceAndAnAddressAskingThatOftenWaitsLast() throws InterruptedException {
        HashingQueue queue = heldQueue();
        for (int i = 0; i < HashingQueue.WAITING_PER_SLOT; i++) {
            arrive(queue, "flood-" + i, "203.0.113.9", "victim" + i + "@example.com");
        }
        arrive(queue, "same-address", "203.0.113.9", "late@example.com");
        assertThat(refused).containsOnlyKeys("same-address");

        arrive(queue, "user", "198.51.100.4", "ann@example.com");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refused.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(refused).containsOnlyKeys("same-address", "flood-" + (HashingQueue.WAITING_PER_SLOT - 1));
        // Seventeen asks in a moment: more than a person makes, so the flood's address waits behind the user.
        assertThat(servedAfterRelease(HashingQueue.WAITING_PER_SLOT)).startsWith("user", "flood-0", "flood-1");
    }

    @Test
    void anAddressAskingFasterThanAPersonWaitsBehindOneThatDoesNot() throws InterruptedException {
        HashingQueue queue = heldQueue();
        for (int i = 0; i < HashingQueue.PRESSING_DEMAND + 2; i++) {
            arrive(queue, "press-" + i, "203.0.113.9", "p" + i + "@example.com");
        }
        arrive(queue, "user", "198.51.100.4", "ann@example.com");

        assertThat(servedAfterRelease(HashingQueue.PRESSING_DEMAND + 3)).startsWith("user", "press-0");
    }

    @Test
    void oneUsersDevicesSigningInTogetherAreAllServedInTurn() throws InterruptedException {
        HashingQueue queue = heldQueue();
        arrive(queue, "laptop", "198.51.100.4", "ann@example.com");
        arrive(queue, "phone", "198.51.100.4", "ann@example.com");
        arrive(queue, "tablet", "198.51.100.4", "ann@example.com");

        assertThat(servedAfterRelease(3)).containsExactly("laptop", "phone", "tablet");
        assertThat(refused).isEmpty();
    }
}
