package dev.sessionauth.store.jdbc;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.DelegatingConnection;

/**
 * Finds or builds the {@link DataSource} the configuration asks for: a container's JNDI one, a commons-dbcp2
 * pool over {@code jdbc.url}, or an embedded H2 file of the app's own by default.
 */
public final class DataSources {
    private static final System.Logger LOG = System.getLogger(DataSources.class.getName());
    /** Where the root app's sessions live when nothing is configured: an H2 file under the working directory. */
    public static final String DEFAULT_URL = "jdbc:h2:./data/sessionauth";
    /** H2's error code for "Database may be already in use": another process (or web app) holds the file. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    /** A JDBC driver SessionAuth can name when it is missing: its URL prefix, class and Maven coordinates. */
    private record KnownDriver(String urlPrefix, String database, String driverClass, String coordinates) {
    }

    private static final List<KnownDriver> KNOWN_DRIVERS = List.of(
            new KnownDriver("jdbc:postgresql:", "PostgreSQL", "org.postgresql.Driver", "org.postgresql:postgresql"),
            new KnownDriver("jdbc:h2:", "H2", "org.h2.Driver", "com.h2database:h2"),
            new KnownDriver("jdbc:mysql:", "MySQL", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j"),
            new KnownDriver("jdbc:mariadb:", "MariaDB", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client"));

    private DataSources() {
    }

    /** A data source and how to release it; a container's JNDI data source is not ours to close. */
    public record Opened(DataSource dataSource, AutoCloseable closer) {
    }

    /**
     * The default H2 URL of the app at {@code contextPath}: {@code jdbc:h2:./data/sessionauth} for the root app,
     * {@code jdbc:h2:./data/sessionauth-<context>} otherwise, so two apps in one container never share a file.
     */
    public static String defaultUrl(String contextPath) {
        String name = contextPath.replaceAll("^/+|/+$", "").replaceAll("[^A-Za-z0-9_-]+", "-");
        return name.isEmpty() ? DEFAULT_URL : DEFAULT_URL + "-" + name;
    }

    /** The data source for the root app (or an engine built in code, which has no context path). */
    public static Opened open(AuthConfig config) {
        return open(config, "");
    }

    /** The data source for the app at {@code contextPath}: the JNDI one, a pool over {@code jdbc.url}, or its H2 file. */
    public static Opened open(AuthConfig config, String contextPath) {
        Optional<String> jndi = config.dataSource();
        if (jndi.isPresent()) {
            return new Opened(lookup(jndi.get()), () -> { });
        }
        String url = config.jdbcUrl().orElseGet(() -> defaultUrl(contextPath));
        if (config.jdbcUrl().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "SessionAuth keeps users and sessions in the embedded H2 file "
                    + h2File(url).orElse(url) + " (no jdbc.url or dataSource set; set one for a database of your choice)");
        }
        Optional<String> driver = driverClass(url);
        BasicDataSource pool = new LeanStatementsDataSource();
        pool.setUrl(url);
        // Named, not left to DriverManager: a driver in WEB-INF/lib is not always registered with it (Tomcat
        // initialises DriverManager before any web app), and dbcp2 loads a named class from the app's loader.
        driver.ifPresent(pool::setDriverClassName);        config.jdbcUser().ifPresent(pool::setUsername);
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

    /**
     * The driver class of a known URL prefix, when it can be loaded; a known database whose driver is missing
     * stops start-up with its Maven coordinates. Unknown prefixes are left to DriverManager.
     */
    private static Optional<String> driverClass(String url) {
        for (KnownDriver known : KNOWN_DRIVERS) {
            if (url.regionMatches(true, 0, known.urlPrefix(), 0, known.urlPrefix().length())) {
                if (!loadable(known.driverClass())) {
                    throw new ConfigException("jdbc.url" + ": " + shown(url) + " needs the " + known.database()
                            + " JDBC driver (" + known.driverClass() + "), which is not on the class path. Add the"
                            + " Maven dependency " + known.coordinates() + " to the app (runtime scope), or put its"
                            + " jar in WEB-INF/lib or the container's lib folder");
                }
                return Optional.of(known.driverClass());
            }
        }
        return Optional.empty();
    }

    private static boolean loadable(String className) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                DataSources.class.getClassLoader()}) {
            try {
                Class.forName(className, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return false;
    }

    /**
     * What a failure while opening the store at start-up means for the user: an H2 file another app holds, or no
     * driver for the URL, become a {@link ConfigException} naming {@code jdbc.url} and the fix; anything else is
     * returned as it is (the database is down: 503 until it is back).
     */
    public static RuntimeException explainStartupFailure(AuthConfig config, String contextPath, RuntimeException e) {
        if (config.dataSource().isPresent()) {
            return e;
        }
        String url = config.jdbcUrl().orElseGet(() -> defaultUrl(contextPath));
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN
                    && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
                ConfigException explained = new ConfigException("jdbc.url" + ": the H2 database " + shown(url)
                        + h2File(url).map(f -> " (file " + f + ")").orElse("")
                        + (config.jdbcUrl().isEmpty() ? " (the default)" : "") + " is already in use by another"
                        + " process or web app, and an embedded H2 file can be open in only one. Give this app a file of"
                        + " its own with the jdbc.url setting (e.g. jdbc:h2:./data/myapp), or use a database server"
                        + " (jdbc.url=jdbc:postgresql://host/db or a JNDI dataSource) for apps that share sessions");
                explained.initCause(e);
                return explained;
            }
            if (t instanceof SQLException sql && String.valueOf(sql.getMessage()).contains("No suitable driver")) {
                ConfigException explained = new ConfigException("jdbc.url" + ": no JDBC driver on the class"
                        + " path accepts " + shown(url) + ". Add the database's JDBC driver to the app (e.g. the Maven"
                        + " dependency org.postgresql:postgresql for jdbc:postgresql:), or fix the URL");
                explained.initCause(e);
                return explained;
            }
        }
        return e;
    }

    /** The absolute path of the file an embedded H2 URL opens; empty for in-memory and server URLs. */
    static Optional<String> h2File(String url) {
        String path = shown(url).substring("jdbc:h2:".length());
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        if (path.startsWith("mem:") || path.startsWith("tcp:") || path.startsWith("ssl:") || path.startsWith("zip:")) {
            return Optional.empty();
        }
        path = path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path;
        return Optional.of(Path.of(path + ".mv.db").toAbsolutePath().normalize().toString());
    }

    /** A JDBC URL as it may appear in a message or a log: without its query or properties, which may hold a password. */
    private static String shown(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
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
