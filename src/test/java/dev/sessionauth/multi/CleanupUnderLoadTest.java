package dev.sessionauth.multi;

import static dev.sessionauth.multi.SharedDatabase.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.Cleanup;
import dev.sessionauth.store.jdbc.JdbcSessionStore;
import dev.sessionauth.store.jdbc.Schema;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Expired-session cleanup with two instances on one PostgreSQL: 100,000 expired rows, deleted in batches while both
 * instances serve sign-ins, session reads with sliding refreshes ({@code session.updateAge=1s}, so nearly every
 * read writes) and revoke-sessions from several threads. Both instances start the cleanup at the same moment; the
 * lease row lets one run it. No request fails, no batch deadlocks, every expired row goes, every live session stays.
 */
class CleanupUnderLoadTest {
    private static final int EXPIRED = 100_000;

    /** One load thread's browsers (each its own live session) on one instance, and what it saw. */
    private record Worker(TestServer server, String email, List<TestClient> browsers) {
    }

    @Test
    void oneInstanceDeletesAHundredThousandExpiredSessionsInBatchesWhileBothServeWithoutAnError() throws Exception {
        SharedDatabase db = SharedDatabase.create();
        try (TestServer a = db.instance().set("session.updateAge", "1s").start();
             TestServer b = db.instance().set("session.updateAge", "1s").start()) {
            db.execute("""
                    INSERT INTO sa_user (id, name, email, email_verified, created_at, updated_at)
                    SELECT 'old-' || g, 'Old', 'old' || g || '@example.com', FALSE, now(), now()
                    FROM generate_series(1, 1000) g""", """
                    INSERT INTO sa_session (lookup_key, id, token_hash, user_id, user_key, expires_at,
                        absolute_expires_at, created_at, updated_at, remember)
                    SELECT -g, 'expired-' || g, md5(g::text), u.id, u.row_key, now() - interval '1 hour',
                        now() + interval '20 days', now() - interval '8 days', now() - interval '8 days', TRUE
                    FROM generate_series(1, %d) g JOIN sa_user u ON u.id = 'old-' || (g %% 1000 + 1)"""
                    .formatted(EXPIRED));
            assertThat(db.count("SELECT COUNT(*) FROM sa_session WHERE expires_at <= now()")).isEqualTo(EXPIRED);

            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TestServer on = i % 2 == 0 ? a : b;
                Worker w = new Worker(on, "load" + i + "@example.com", new ArrayList<>());
                TestClient first = on.client();
                assertThat(first.signUp("Load", w.email(), PASSWORD).status()).isEqualTo(200);
                w.browsers().add(first);
                workers.add(w);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong served = new AtomicLong();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            ExecutorService load = Executors.newFixedThreadPool(workers.size() + 1);
            List<Future<?>> running = new ArrayList<>();
            for (Worker w : workers) {
                running.add(load.submit(() -> work(w, stop, served, errors)));
            }
            running.add(load.submit(() -> churn(a, b, stop, served, errors)));
            while (served.get() < 100) {
                Thread.sleep(10);
            }

            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService cleaners = Executors.newFixedThreadPool(2);
            List<Future<Cleanup>> runs = new ArrayList<>();
            long servedBefore = served.get();
            for (TestServer instance : List.of(a, b)) {
                runs.add(cleaners.submit(() -> {
                    together.await();
                    return instance.auth().deleteExpiredRows();
                }));
            }
            List<Cleanup> cleanups = new ArrayList<>();
            for (Future<Cleanup> f : runs) {
                cleanups.add(f.get());
            }
            long servedDuring = served.get() - servedBefore;
            cleaners.shutdown();
            long servedAfterCleanup = served.get();
            while (served.get() < servedAfterCleanup + 100) {
                Thread.sleep(10);
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            load.shutdown();

            assertThat(errors).as("failed requests").isEmpty();
            List<Cleanup> ran = cleanups.stream().filter(Cleanup::ran).toList();
            assertThat(ran).as("at least one instance cleaned up").isNotEmpty();
            if (ran.size() == 2) {
                Cleanup first = ran.get(0).started().isBefore(ran.get(1).started()) ? ran.get(0) : ran.get(1);
                Cleanup second = first == ran.get(0) ? ran.get(1) : ran.get(0);
                assertThat(second.started()).as("one cleanup at a time").isAfterOrEqualTo(first.finished());
            }
            assertThat(cleanups.stream().mapToLong(Cleanup::sessionsDeleted).sum()).isEqualTo(EXPIRED);
            assertThat(db.count("SELECT COUNT(*) FROM sa_session WHERE id LIKE 'expired-%'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM sa_session WHERE expires_at <= now()")).isZero();
            long live = 0;
            for (Worker w : workers) {
                for (TestClient browser : w.browsers()) {
                    TestClient.Reply r = browser.getSession();
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.json().path("user").path("email").asText()).as(r.body()).isEqualTo(w.email());
                    live++;
                }
                assertThat(db.count("SELECT COUNT(*) FROM sa_session s JOIN sa_user u ON u.id = s.user_id"
                        + " WHERE u.email = ?", w.email())).isEqualTo(w.browsers().size());
            }
            Cleanup main = ran.stream().max((x, y) -> Long.compare(x.sessionsDeleted(), y.sessionsDeleted()))
                    .orElseThrow();
            System.out.printf("MULTI cleanup: %d expired rows deleted by one instance in %d batches in %d ms"
                            + " (runs: %s); requests served by both instances during it: %d, in all: %d;"
                            + " live sessions checked intact: %d; errors: %d%n",
                    main.sessionsDeleted(), main.sessionBatches(),
                    Duration.between(main.started(), main.finished()).toMillis(),
                    cleanups.stream().map(c -> c.ran() ? "ran, " + c.sessionsDeleted() + " rows" : "skipped (lease held)")
                            .toList(), servedDuring, served.get(), live, errors.size());
        }
    }

    /** Reads sessions (each read past updateAge refreshes it) and now and then signs in one more. */
    private static void work(Worker w, AtomicBoolean stop, AtomicLong served, ConcurrentLinkedQueue<String> errors) {
        int i = 0;
        while (!stop.get()) {
            try {
                TestClient.Reply r;
                if (i % 25 == 24) {
                    TestClient browser = w.server().client();
                    r = browser.signIn(w.email(), PASSWORD);
                    if (r.status() == 200) {
                        w.browsers().add(browser);
                    }
                } else {
                    TestClient browser = w.browsers().get(i % w.browsers().size());
                    r = i % 2 == 0 ? browser.getSession() : browser.get("/app/x");
                    if (r.status() == 200 && !r.body().contains(w.email())) {
                        errors.add(w.email() + ": signed out: " + r.body());
                    }
                }
                if (r.status() != 200) {
                    errors.add(w.email() + ": " + r.status() + " " + r.body());
                }
                served.incrementAndGet();
            } catch (RuntimeException e) {
                errors.add(w.email() + ": " + e);
            }
            i++;
        }
    }

    /** Signs one user in on both instances and signs them out everywhere, over and over: multi-row deletes. */
    private static void churn(TestServer a, TestServer b, AtomicBoolean stop, AtomicLong served,
                              ConcurrentLinkedQueue<String> errors) {
        String email = "churn@example.com";
        TestClient first = a.client();
        if (first.signUp("Churn", email, PASSWORD).status() != 200) {
            errors.add("churn: sign-up failed");
            return;
        }
        while (!stop.get()) {
            try {
                TestClient onB = b.client();
                List<TestClient.Reply> replies = List.of(onB.signIn(email, PASSWORD), a.client().signIn(email, PASSWORD),
                        onB.post("/api/auth/revoke-sessions", "{}"));
                for (TestClient.Reply r : replies) {
                    if (r.status() != 200) {
                        errors.add("churn: " + r.status() + " " + r.body());
                    }
                    served.incrementAndGet();
                }
            } catch (RuntimeException e) {
                errors.add("churn: " + e);
            }
        }
    }

    @Test
    void aBatchLeavesAnExpiredRowThatAnotherTransactionHoldsForTheNextBatchInsteadOfWaiting() throws Exception {
        SharedDatabase db = SharedDatabase.create();
        Schema.migrate(db.direct());
        db.execute("""
                INSERT INTO sa_user (id, name, email, email_verified, created_at, updated_at)
                VALUES ('u1', 'Held', 'held@example.com', FALSE, now(), now())""", """
                INSERT INTO sa_session (lookup_key, id, token_hash, user_id, user_key, expires_at,
                    absolute_expires_at, created_at, updated_at, remember)
                SELECT g, 'expired-' || g, md5(g::text), 'u1', u.row_key, now() - interval '1 hour',
                    now() + interval '1 day', now() - interval '2 days', now() - interval '2 days', TRUE
                FROM generate_series(1, 3) g, sa_user u WHERE u.id = 'u1'""");
        // Were the batch to wait for the held row, it would fail after this long instead of hanging the test.
        db.execute("ALTER DATABASE " + db.jdbcUrl().replaceAll(".*/([^/?]+)\\?.*", "$1") + " SET lock_timeout = '3s'");
        JdbcSessionStore sessions = new JdbcSessionStore(db.direct());

        try (Connection holder = db.direct().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                // What a refresh does to the row, uncommitted.
                s.executeUpdate("UPDATE sa_session SET updated_at = now() WHERE id = 'expired-2'");
            }
            assertThat(sessions.deleteExpired(Instant.now(), 1000)).isEqualTo(2);
            holder.commit();
        }

        assertThat(db.count("SELECT COUNT(*) FROM sa_session")).isEqualTo(1);
        assertThat(sessions.deleteExpired(Instant.now(), 1000)).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM sa_session")).isZero();
    }
}
