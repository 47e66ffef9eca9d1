package dev.sessionauth.store.jdbc;

import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.AttemptWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AttemptStore} over JDBC ({@code sa_rate_limit}), so every instance on one database shares the counts.
 * Counting is one conditional {@code UPDATE} of the key's row (the database serialises concurrent ones on the row
 * lock); the first attempt of a key inserts the row, and loses gracefully to a concurrent first attempt.
 */
public final class JdbcAttemptStore implements AttemptStore {
    private static final String FIND = "SELECT hits, ends_at FROM sa_rate_limit WHERE limit_key = ?";
    // Both SET expressions see the row as it was: an ended window restarts at 1, an open one counts on.
    private static final String COUNT = """
            UPDATE sa_rate_limit SET
                hits = CASE WHEN ends_at > ? THEN hits + 1 ELSE 1 END,
                ends_at = CASE WHEN ends_at > ? THEN ends_at ELSE ? END
            WHERE limit_key = ?""";
    private static final String INSERT = "INSERT INTO sa_rate_limit (limit_key, hits, ends_at) VALUES (?, 1, ?)";
    private static final String CLEAR = "DELETE FROM sa_rate_limit WHERE limit_key = ?";
    private static final String DELETE_ENDED = """
            DELETE FROM sa_rate_limit WHERE limit_key IN (
                SELECT limit_key FROM sa_rate_limit WHERE ends_at <= ? FETCH FIRST ? ROWS ONLY)""";
    /** A key is a hash, never the raw e-mail address or IP: the table holds nobody's personal data. */
    private static final int MAX_KEY = 64;

    private final DataSource dataSource;

    /** Failed sign-ins counted in {@code dataSource}'s {@code sa_rate_limit}, shared by every instance. */
    public JdbcAttemptStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<AttemptWindow> find(String key, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, checked(key));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                AttemptWindow w = new AttemptWindow(rs.getInt(1), Jdbc.getInstant(rs, 2));
                return w.endsAt().isAfter(now) ? Optional.of(w) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read the attempts of a key", e);
        }
    }

    @Override
    public void record(String key, Instant now, Duration window) {
        checked(key);
        try (Connection c = dataSource.getConnection()) {
            // A concurrent first attempt (this instance or another) may insert the row between our UPDATE and our
            // INSERT, and a concurrent clear may delete it again: each round settles one of those, three are plenty.
            for (int round = 0; round < 3; round++) {
                if (count(c, key, now, window)) {
                    return;
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, key);
                    Jdbc.setInstant(ps, 2, now.plus(window));
                    ps.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            throw new SQLException("the row of a rate-limit key kept appearing and vanishing while it was counted");
        } catch (SQLException e) {
            throw Jdbc.unavailable("count an attempt", e);
        }
    }

    private static boolean count(Connection c, String key, Instant now, Duration window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT)) {
            Jdbc.setInstant(ps, 1, now);
            Jdbc.setInstant(ps, 2, now);
            Jdbc.setInstant(ps, 3, now.plus(window));
            ps.setString(4, key);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public void clear(String key) {
        Jdbc.update(dataSource, "clear the attempts of a key", CLEAR, checked(key));
    }

    @Override
    public int deleteEnded(Instant now, int limit) {
        return Jdbc.deleteExpired(dataSource, "delete ended rate-limit windows", DELETE_ENDED, now, limit);
    }

    private static String checked(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("a rate-limit key is 1 to " + MAX_KEY + " characters");
        }
        return key;
    }
}
