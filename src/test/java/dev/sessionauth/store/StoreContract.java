package dev.sessionauth.store;

import dev.sessionauth.config.AdditionalField;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * What every store contract shares: the backend it runs on (each contract is a {@code @ParameterizedClass} over
 * {@link StoreBackend}), the JVM's one embedded PostgreSQL ({@code SharedPostgres}), fresh stores per test, and racing calls.
 */
abstract class StoreContract {

    @Parameter
    protected StoreBackend backend;

    /** Fresh, empty stores without declared fields, opened before each test. */
    protected StoreBackend.Stores stores;

    @BeforeEach
    void openStores() throws SQLException {
        stores = open(List.of(), List.of());
    }

    protected StoreBackend.Stores open(List<AdditionalField> userFields, List<AdditionalField> sessionFields)
            throws SQLException {
        return backend.open(userFields, sessionFields);
    }

    /** Runs {@code calls} on as many threads, released together, and returns their results in order. */
    protected static <T> List<T> racing(List<Callable<T>> calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
