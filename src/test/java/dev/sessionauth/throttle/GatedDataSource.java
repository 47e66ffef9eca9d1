package dev.sessionauth.throttle;

import dev.sessionauth.testing.H2TestDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A real H2 data source with a gate: while it is shut, whoever asks for a connection waits until it opens. A
 * sign-in holding a hashing slot reads the user store inside it, so a shut gate holds the slot for as long as the
 * test wants, with no timing guesses.
 */
final class GatedDataSource extends H2TestDataSource {
    private final Semaphore arrivals = new Semaphore(0);
    private volatile CountDownLatch gate;

    GatedDataSource(String jdbcUrl) {
        super(jdbcUrl);
    }

    void shut() {
        gate = new CountDownLatch(1);
    }

    void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Waits until {@code n} callers are held at the shut gate. */
    void awaitHeld(int n) throws InterruptedException {
        if (!arrivals.tryAcquire(n, 30, TimeUnit.SECONDS)) {
            throw new AssertionError("nobody reached the gate");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        CountDownLatch g = gate;
        if (g != null) {
            arrivals.release();
            try {
                if (!g.await(60, TimeUnit.SECONDS)) {
                    throw new SQLException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted at the gate", e);
            }
        }
        return connect();
    }
}
