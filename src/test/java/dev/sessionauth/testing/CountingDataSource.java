package dev.sessionauth.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real H2 data source that counts the connections requests take from it and records every SQL statement prepared
 * or executed on them: a request that takes no connection made no store read. The engine's own background threads
 * ({@code sessionauth-*}: the revocation log poll, once a second under the jwt strategy) are not requests and are
 * not counted.
 */
public final class CountingDataSource extends H2TestDataSource {
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> statements = new CopyOnWriteArrayList<>();

    public CountingDataSource(String jdbcUrl) {
        super(jdbcUrl);
    }

    /** Connections taken so far. */
    public int connections() {
        return connections.get();
    }

    /** SQL prepared or executed so far, in order. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    public void reset() {
        connections.set(0);
        statements.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return Thread.currentThread().getName().startsWith("sessionauth-") ? connect() : counted(connect());
    }

    private Connection counted(Connection real) {
        connections.incrementAndGet();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null
                    && args[0] instanceof String sql) {
                statements.add(sql);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }
}
