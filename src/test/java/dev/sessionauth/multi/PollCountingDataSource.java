package dev.sessionauth.multi;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * A pooled PostgreSQL data source for one instance that counts how many times that instance has started reading
 * the revocation log: a test can wait for a poll that began after a revocation instead of guessing a delay.
 */
final class PollCountingDataSource implements DataSource, AutoCloseable {
    private final BasicDataSource pool = new BasicDataSource();
    private final AtomicLong polls = new AtomicLong();

    PollCountingDataSource(String jdbcUrl) {
        pool.setUrl(jdbcUrl);
        pool.setMaxTotal(8);
    }

    /** Reads of the revocation log started so far. */
    long polls() {
        return polls.get();
    }

    /** Waits until {@code n} more reads have started than {@code since}; the last one before them has finished. */
    void awaitPollsAfter(long since, int n) throws InterruptedException {
        while (polls.get() < since + n) {
            Thread.sleep(5);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = pool.getConnection();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                    && sql.contains("FROM sa_revocation WHERE seq >")) {
                polls.incrementAndGet();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the instance connects with the URL's user");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public void close() throws SQLException {
        pool.close();
    }
}
