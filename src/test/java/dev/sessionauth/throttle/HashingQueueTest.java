package dev.sessionauth.throttle;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.throttle.Traffic.WRONG;
import static dev.sessionauth.throttle.Traffic.assertTooManyRequests;
import static dev.sessionauth.throttle.Traffic.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cap on password hashing: {@code password.maxConcurrentHashes} at once, at most 16 waiting per slot, for at
 * most {@code password.hashQueueTimeout}; past either bound, 429 with {@code Retry-After: 1} at once.
 */
class HashingQueueTest {

    private static TestServer server(GatedDataSource data, String jdbcUrl, String timeout) {
        return TestServer.builder().shippedThrottle().dataSource(data, jdbcUrl)
                .set("password.maxConcurrentHashes", "1")
                .set("password.hashQueueTimeout", timeout)
                .start();
    }

    private static String jdbcUrl() {
        return "jdbc:h2:mem:queue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void aSignInThatFindsNoFreeSlotWithinTheTimeoutIsRefusedWithRetryAfterOne() throws Exception {
        String url = jdbcUrl();
        GatedDataSource data = new GatedDataSource(url);
        try (TestServer server = server(data, url, "1s")) {
            String email = Traffic.account(server, "queued");
            data.shut();
            CompletableFuture<Reply> holder = start(1, () -> server.client().signIn(email, PASSWORD)).get(0);
            data.awaitHeld(1);

            Reply refused = server.client().signIn(uniqueEmail("late"), WRONG);
            assertTooManyRequests(refused);
            assertThat(refused.header("Retry-After")).hasValue("1");
            assertThat(refused.json().path("message").asText())
                    .isEqualTo("The server is checking too many passwords at once; try again in a moment");
            Reply signUp = server.client().signUp("Late", uniqueEmail("late"), PASSWORD);
            assertTooManyRequests(signUp);

            data.open();
            assertThat(holder.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void sixteenWaitPerSlotAndTheRestAreRefusedAtOnce() throws Exception {
        String url = jdbcUrl();
        GatedDataSource data = new GatedDataSource(url);
        try (TestServer server = server(data, url, "1m")) {
            data.shut();
            CompletableFuture<Reply> holder = start(1, () -> server.client().signIn(uniqueEmail("first"), WRONG))
                    .get(0);
            data.awaitHeld(1);

            AtomicInteger n = new AtomicInteger();
            List<CompletableFuture<Reply>> burst = start(20,
                    () -> server.client().signIn("burst" + n.incrementAndGet() + "@example.com", WRONG));
            // Those past the sixteenth waiting are answered while the slot is still held.
            CountDownLatch fourAnswered = new CountDownLatch(4);
            burst.forEach(f -> f.thenRun(fourAnswered::countDown));
            assertThat(fourAnswered.await(30, TimeUnit.SECONDS)).isTrue();
            List<Reply> refusedAtOnce = burst.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                    .toList();
            assertThat(refusedAtOnce).hasSize(4).allSatisfy(Traffic::assertTooManyRequests);
            assertThat(refusedAtOnce).allSatisfy(r -> assertThat(r.header("Retry-After")).hasValue("1"));

            data.open();
            assertThat(holder.get(30, TimeUnit.SECONDS).status()).isEqualTo(401);
            List<Reply> all = new ArrayList<>();
            for (CompletableFuture<Reply> f : burst) {
                all.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(Traffic.count(all, 401)).isEqualTo(16);
            assertThat(Traffic.count(all, 429)).isEqualTo(4);
        }
    }
}
