package dev.sessionauth.multi;

import dev.sessionauth.testing.SharedPostgres;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A fresh, empty database on an embedded PostgreSQL that several SessionAuth instances share, each one a real
 * Jetty with an engine of its own (as two machines behind a load balancer would be), plus direct SQL for checks.
 */
final class SharedDatabase {
    static final String TOKEN = "sessionauth.session_token";
    static final String DATA = "sessionauth.session_data";
    static final String PASSWORD = "plum tractor lantern";
    private final SharedPostgres.Database database;

    private SharedDatabase(SharedPostgres.Database database) {
        this.database = database;
    }

    /** A new empty database on the test JVM's one embedded PostgreSQL ({@link SharedPostgres}). */
    static SharedDatabase create() {
        return new SharedDatabase(SharedPostgres.newDatabase("multi"));
    }

    /** The URL (user included) the instances get as {@code jdbc.url}. */
    String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** A direct, unpooled connection source for the test's own SQL. */
    DataSource direct() {
        return database.dataSource();
    }

    /** An instance on this database: protected {@code /app/**}, the tests' secret unless the test unsets it. */
    TestServer.Builder instance() {
        return TestServer.builder().jdbcUrl(jdbcUrl()).set("protected", "/app/**").set("jdbc.maxPoolSize", "8");
    }

    long count(String sql, Object... params) {
        try (Connection c = direct().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String... statements) {
        try (Connection c = direct().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser on {@code server} that holds the cookies {@code from} got on another instance. */
    static TestClient carrying(TestClient from, TestServer server) {
        TestClient to = server.client();
        from.cookie(TOKEN).ifPresent(v -> to.putCookie(TOKEN, v));
        from.cookie(DATA).ifPresent(v -> to.putCookie(DATA, v));
        return to;
    }
}
