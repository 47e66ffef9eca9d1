package dev.sessionauth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.AttemptWindow;
import dev.sessionauth.store.jdbc.JdbcAttemptStore;
import dev.sessionauth.store.jdbc.Schema;
import dev.sessionauth.store.memory.MemoryAttemptStore;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixed-window counters behind the per-account lock, the same contract in memory, in H2 and in PostgreSQL;
 * the database ones counted by two instances (two data sources on one database) at once.
 */
class AttemptStoreTest {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    /** Two instances' views of one store, and the database behind them (none in memory). */
    record Shared(String name, AttemptStore first, AttemptStore second, DataSource database) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shared> stores() throws SQLException {
        MemoryAttemptStore memory = new MemoryAttemptStore(new MutableClock(T0), 10_000);
        return Stream.of(new Shared("memory", memory, memory, null), h2(), postgres());
    }

    static Stream<Shared> databases() throws SQLException {
        return Stream.of(h2(), postgres());
    }

    private static Shared h2() {
        String url = "jdbc:h2:mem:attempts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource one = new JdbcDataSource();
        one.setURL(url);
        JdbcDataSource two = new JdbcDataSource();
        two.setURL(url);
        Schema.migrate(one);
        return new Shared("H2", new JdbcAttemptStore(one), new JdbcAttemptStore(two), one);
    }

    private static Shared postgres() throws SQLException {
        SharedPostgres.Database database = SharedPostgres.newDatabase("attempts");
        DataSource one = database.dataSource();
        DataSource two = database.dataSource();
        Schema.migrate(one);
        return new Shared("PostgreSQL", new JdbcAttemptStore(one), new JdbcAttemptStore(two), one);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void attemptsCountInAWindowThatOpensAtTheFirstAndEndsAWindowLater(Shared store) {
        String key = key();
        assertThat(store.first().find(key, T0)).isEmpty();

        store.first().record(key, T0, WINDOW);
        store.second().record(key, T0.plusSeconds(60), WINDOW);
        store.first().record(key, T0.plus(WINDOW).minusMillis(1), WINDOW);

        assertThat(store.second().find(key, T0.plusSeconds(61))).contains(new AttemptWindow(3, T0.plus(WINDOW)));
        assertThat(store.first().find(key, T0.plus(WINDOW))).isEmpty();

        // The next attempt after the end opens a new window at 1.
        Instant later = T0.plus(WINDOW).plusSeconds(5);
        store.second().record(key, later, WINDOW);
        assertThat(store.first().find(key, later)).contains(new AttemptWindow(1, later.plus(WINDOW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void clearForgetsOneKeyOnly(Shared store) {
        String key = key();
        String other = key();
        store.first().record(key, T0, WINDOW);
        store.first().record(other, T0, WINDOW);

        store.second().clear(key);

        assertThat(store.first().find(key, T0)).isEmpty();
        assertThat(store.first().find(other, T0)).contains(new AttemptWindow(1, T0.plus(WINDOW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyConcurrentAttemptOfTwoInstancesIsCounted(Shared store) throws Exception {
        String key = key();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AttemptStore instance = t % 2 == 0 ? store.first() : store.second();
            done.add(pool.submit((Callable<Void>) () -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    instance.record(key, T0.plusMillis(i), WINDOW);
                }
                return null;
            }));
        }
        // All start at once on a key without a row: the first inserts race as well as the updates.
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(store.first().find(key, T0.plusSeconds(1))).contains(new AttemptWindow(threads * each,
                T0.plus(WINDOW)));
        assertThat(rows(store.database(), "SELECT COUNT(*) FROM sa_rate_limit WHERE limit_key = '" + key + "'"))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void endedWindowsAreDeletedInBatchesAndOpenOnesKept(Shared store) throws SQLException {
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String key = key();
            ended.add(key);
            store.first().record(key, T0, WINDOW);
        }
        String open = key();
        store.first().record(open, T0.plusSeconds(60), WINDOW);
        Instant afterFirst = T0.plus(WINDOW);

        assertThat(store.second().deleteEnded(afterFirst, 3)).isEqualTo(3);
        assertThat(store.second().deleteEnded(afterFirst, 3)).isEqualTo(2);
        assertThat(store.second().deleteEnded(afterFirst, 3)).isZero();

        long left = rows(store.database(), "SELECT COUNT(*) FROM sa_rate_limit WHERE limit_key IN ('"
                + String.join("','", ended) + "', '" + open + "')");
        assertThat(left).isEqualTo(1);
        assertThat(store.first().find(open, afterFirst)).isPresent();
    }

    @Test
    void theMemoryStoreIsBoundedAndDropsWindowsWhenTheyEnd() {
        MutableClock clock = new MutableClock(T0);
        MemoryAttemptStore memory = new MemoryAttemptStore(clock, 1_000);
        for (int i = 0; i < 20_000; i++) {
            memory.record("made-up-" + i, clock.instant(), WINDOW);
        }
        assertThat(memory.size()).isLessThanOrEqualTo(1_000);

        clock.advance(WINDOW);
        assertThat(memory.size()).isZero();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static long rows(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
