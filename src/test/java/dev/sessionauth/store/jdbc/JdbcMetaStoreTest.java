package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.migratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcMetaStoreTest {

    private final JdbcDataSource ds = migratedDatabase();
    private final JdbcMetaStore meta = new JdbcMetaStore(ds);

    @Test
    void anUnsetNameIsEmpty() {
        assertThat(meta.get("generated_secret")).isEmpty();
    }

    @Test
    void putIfAbsentStoresTheFirstValueAndReturnsIt() {
        assertThat(meta.putIfAbsent("generated_secret", "first")).isEqualTo("first");
        assertThat(meta.get("generated_secret")).contains("first");
    }

    @Test
    void putIfAbsentKeepsTheFirstValueAndReturnsItToLaterCallers() {
        meta.putIfAbsent("generated_secret", "first");

        assertThat(meta.putIfAbsent("generated_secret", "second")).isEqualTo("first");
        assertThat(meta.get("generated_secret")).contains("first");
    }

    @Test
    void everyInstanceOnTheSameDatabaseAgreesOnTheValue() {
        JdbcMetaStore one = new JdbcMetaStore(ds);
        JdbcMetaStore two = new JdbcMetaStore(ds);

        String a = one.putIfAbsent("generated_secret", "from-one");
        String b = two.putIfAbsent("generated_secret", "from-two");

        assertThat(a).isEqualTo("from-one");
        assertThat(b).isEqualTo("from-one");
    }

    @Test
    void instancesRacingToStoreANameAllEndUpWithTheSameValue() throws Exception {
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String candidate = "value-" + i;
                JdbcMetaStore instance = new JdbcMetaStore(ds);
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.putIfAbsent("generated_secret", candidate);
                }));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> result : results) {
                seen.add(result.get());
            }
            assertThat(seen).hasSize(1);
            assertThat(meta.get("generated_secret")).contains(seen.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namesAreIndependent() {
        meta.putIfAbsent("a", "1");
        meta.putIfAbsent("b", "2");
        assertThat(meta.get("a")).contains("1");
        assertThat(meta.get("b")).contains("2");
    }
}
