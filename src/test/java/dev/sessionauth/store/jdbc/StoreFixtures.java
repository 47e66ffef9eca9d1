package dev.sessionauth.store.jdbc;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.NewSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database per test and plain values to put in it (also for the store contracts). */
public final class StoreFixtures {
    /** A fixed point in time; tests move relative to it instead of reading the clock. */
    public static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    private StoreFixtures() {
    }

    /** An empty in-memory database, not migrated yet. */
    public static JdbcDataSource emptyDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** An in-memory database with SessionAuth's tables. */
    public static JdbcDataSource migratedDatabase() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrate(ds);
        return ds;
    }

    public static User user(String id, String email) {
        return new User(id, "Name of " + id, email, false, Optional.empty(), T0, T0, Map.of());
    }

    /** A session created at {@code createdAt} that lives a week, capped at 30 days. */
    public static Session session(String id, String userId, Instant createdAt) {
        return new Session(id, userId, createdAt.plus(Duration.ofDays(7)), createdAt.plus(Duration.ofDays(30)),
                createdAt, createdAt, Optional.of("203.0.113.7"), Optional.of("JUnit"), true);
    }

    public static Session session(String id, String userId, Instant createdAt, Instant expiresAt) {
        return new Session(id, userId, expiresAt, createdAt.plus(Duration.ofDays(30)), createdAt, createdAt,
                Optional.empty(), Optional.empty(), true);
    }

    /** A new session whose token hash is derived from its id, so tests can look it up again. */
    public static NewSession newSession(Session session) {
        return new NewSession(session, tokenHashOf(session.getId()));
    }

    public static String tokenHashOf(String sessionId) {
        return TokenHasher.hash("token-of-" + sessionId);
    }

    public static int count(DataSource ds, String table) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
