package dev.sessionauth.throttle;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A real H2 data source with a gate: while it is shut, whoever asks for a connection waits until it opens. A
 * sign-in holding a hashing slot reads the user store inside it, so a shut gate holds the slot for as long as the
 * test wants, with no timing guesses.
 */
final class GatedDataSource implements DataSource {
    private final JdbcDataSource delegate = new JdbcDataSource();
    private final Semaphore arrivals = new Semaphore(0);
    private volatile CountDownLatch gate;

    GatedDataSource(String jdbcUrl) {
        delegate.setURL(jdbcUrl);
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
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
