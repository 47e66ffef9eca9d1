package dev.sessionauth.store.jdbc;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

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
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(config.jdbcUrl().orElse(DEFAULT_URL));
        config.jdbcUser().ifPresent(pool::setUsername);
        config.jdbcPassword().ifPresent(pool::setPassword);
        pool.setMaxTotal(config.jdbcMaxPoolSize());
        pool.setMaxIdle(config.jdbcMaxPoolSize());
        // Statement pooling reuses the statement wrappers, which keeps per-request garbage (and GC pauses) down.
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(64 * config.jdbcMaxPoolSize());
        // A database that is down must answer 503 quickly, not hold request threads.
        pool.setMaxWait(Duration.ofSeconds(5));
        pool.setTestOnBorrow(true);
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
}
