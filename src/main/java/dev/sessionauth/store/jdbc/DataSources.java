package dev.sessionauth.store.jdbc;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.DelegatingConnection;

/**
 * Finds or builds the {@link DataSource} the configuration asks for: a container's JNDI one, a commons-dbcp2
 * pool over {@code jdbc.url}, or an embedded H2 file by default.
 */
public final class DataSources {
    /** Where sessions live when nothing is configured: an H2 file beside the working directory. */
    public static final String DEFAULT_URL = "jdbc:h2:./data/sessionauth";

    private DataSources() {
    }

    /** A data source and how to release it; a container's JNDI data source is not ours to close. */
    public record Opened(DataSource dataSource, AutoCloseable closer) {
    }

    public static Opened open(AuthConfig config) {
        Optional<String> jndi = config.dataSource();
        if (jndi.isPresent()) {
            return new Opened(lookup(jndi.get()), () -> { });
        }
        BasicDataSource pool = new LeanStatementsDataSource();
        pool.setUrl(config.jdbcUrl().orElse(DEFAULT_URL));
        config.jdbcUser().ifPresent(pool::setUsername);
        config.jdbcPassword().ifPresent(pool::setPassword);
        pool.setMaxTotal(config.jdbcMaxPoolSize());
        pool.setMaxIdle(config.jdbcMaxPoolSize());
        // No dbcp2 statement pool: both drivers keep prepared statements per physical connection already (H2's
        // query cache, pgjdbc's statement cache and server-side prepares), and LeanStatementsDataSource prepares on
        // that connection. Access to it is what the lean connection needs.
        pool.setPoolPreparedStatements(false);
        pool.setAccessToUnderlyingConnectionAllowed(true);
        // A database that is down must answer 503 quickly, not hold request threads.
        pool.setMaxWait(Duration.ofSeconds(5));
        // Checked while idle, not on every borrow: on PostgreSQL a check on borrow is one more round trip per
        // request. A connection that breaks mid-request fails that request (503) and dbcp2 drops it (fatal SQLSTATE
        // class 08), so a restarted database costs at most one failed request per pooled connection.
        pool.setTestOnBorrow(false);
        pool.setTestWhileIdle(true);
        pool.setDurationBetweenEvictionRuns(Duration.ofSeconds(30));
        return new Opened(pool, pool::close);
    }

    private static DataSource lookup(String name) {
        try {
            InitialContext context = new InitialContext();
            Object found;
            try {
                found = context.lookup(name);
            } catch (NamingException e) {
                found = context.lookup("java:comp/env/" + name);
            }
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new ConfigException("dataSource: JNDI name \"" + name + "\" is bound to "
                    + (found == null ? "nothing" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new ConfigException("dataSource: no JNDI DataSource named \"" + name + "\" (also tried java:comp/env/"
                    + name + "): " + e.getMessage() + ". Declare it as a resource-ref in web.xml or fix the name.");
        }
    }

    /**
     * commons-dbcp2's pool, except that {@code prepareStatement(sql)} is passed to the driver's own connection.
     * dbcp2 2.14 wraps every statement in a new {@code DelegatingPreparedStatement} per connection layer, and that
     * class has a {@code finalize()} method: at tens of thousands of statements a second the finalizable garbage
     * made young-GC pauses grow to ~100 ms and the p99 of every store-backed request with them. Callers close
     * their statements (try-with-resources), so dbcp2's tracking of open statements has nothing to do.
     */
    static final class LeanStatementsDataSource extends BasicDataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return new LeanStatementsConnection(super.getConnection());
        }
    }

    /** A borrowed connection whose {@code prepareStatement(String)} goes straight to the driver's connection. */
    static final class LeanStatementsConnection extends DelegatingConnection<Connection> {
        private final Connection physical;

        LeanStatementsConnection(Connection borrowed) {
            super(borrowed);
            // dbcp2 answers null when the pool denies access to the driver's connection: then there is nothing to
            // bypass, and this behaves like dbcp2.
            this.physical = borrowed instanceof DelegatingConnection<?> d ? d.getInnermostDelegate() : null;
        }

        @Override
        public PreparedStatement prepareStatement(String sql) throws SQLException {
            if (physical == null) {
                return super.prepareStatement(sql);
            }
            checkOpen();
            return physical.prepareStatement(sql);
        }
    }
}
