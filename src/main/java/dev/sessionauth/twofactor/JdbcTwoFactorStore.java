package dev.sessionauth.twofactor;

import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.store.jdbc.TimestampColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link TwoFactorStore} over JDBC: {@code sa_two_factor}, {@code sa_two_factor_pending}, {@code sa_trusted_device}. */
final class JdbcTwoFactorStore implements TwoFactorStore {
    /** The tables, portable SQL for H2 and PostgreSQL; every row goes with its user. */
    static final List<String> TABLES = List.of(
            """
            CREATE TABLE IF NOT EXISTS sa_two_factor (
                user_id VARCHAR(64) PRIMARY KEY REFERENCES sa_user (id) ON DELETE CASCADE,
                secret VARCHAR(255) NOT NULL,
                issuer VARCHAR(255) NOT NULL,
                backup_codes VARCHAR(1024) NOT NULL,
                verified BOOLEAN NOT NULL,
                last_step BIGINT NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS sa_two_factor_pending (
                id_hash VARCHAR(64) PRIMARY KEY,
                user_id VARCHAR(64) NOT NULL REFERENCES sa_user (id) ON DELETE CASCADE,
                method VARCHAR(128) NOT NULL,
                remember BOOLEAN NOT NULL,
                attempts INTEGER NOT NULL,
                expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS sa_two_factor_pending_user_idx ON sa_two_factor_pending (user_id)",
            "CREATE INDEX IF NOT EXISTS sa_two_factor_pending_expires_idx ON sa_two_factor_pending (expires_at)",
            """
            CREATE TABLE IF NOT EXISTS sa_trusted_device (
                id_hash VARCHAR(64) PRIMARY KEY,
                user_id VARCHAR(64) NOT NULL REFERENCES sa_user (id) ON DELETE CASCADE,
                expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS sa_trusted_device_user_idx ON sa_trusted_device (user_id)",
            "CREATE INDEX IF NOT EXISTS sa_trusted_device_expires_idx ON sa_trusted_device (expires_at)");

    private static final String FIND = """
            SELECT secret, issuer, backup_codes, verified, last_step FROM sa_two_factor WHERE user_id = ?""";
    private static final String DELETE_UNVERIFIED = "DELETE FROM sa_two_factor WHERE user_id = ? AND verified = FALSE";
    private static final String INSERT = """
            INSERT INTO sa_two_factor (user_id, secret, issuer, backup_codes, verified, last_step, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String ACCEPT_STEP = """
            UPDATE sa_two_factor SET last_step = ?, verified = TRUE, updated_at = ?
            WHERE user_id = ? AND secret = ? AND last_step < ?""";
    private static final String REPLACE_CODES = """
            UPDATE sa_two_factor SET backup_codes = ?, updated_at = ? WHERE user_id = ? AND backup_codes = ?""";
    private static final String DELETE = "DELETE FROM sa_two_factor WHERE user_id = ?";

    private static final String INSERT_PENDING = """
            INSERT INTO sa_two_factor_pending (id_hash, user_id, method, remember, attempts, expires_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND_PENDING = """
            SELECT user_id, method, remember, attempts, expires_at FROM sa_two_factor_pending
            WHERE id_hash = ? AND expires_at > ?""";
    private static final String SPEND_ATTEMPT = """
            UPDATE sa_two_factor_pending SET attempts = attempts + 1
            WHERE id_hash = ? AND attempts < ? AND expires_at > ?""";
    private static final String CONSUME_PENDING = "DELETE FROM sa_two_factor_pending WHERE id_hash = ? AND expires_at > ?";
    private static final String DELETE_USER_PENDING = "DELETE FROM sa_two_factor_pending WHERE user_id = ?";
    private static final String DELETE_EXPIRED_PENDING = """
            DELETE FROM sa_two_factor_pending WHERE id_hash IN (
                SELECT id_hash FROM sa_two_factor_pending WHERE expires_at <= ? FETCH FIRST ? ROWS ONLY)""";

    private static final String INSERT_TRUSTED = """
            INSERT INTO sa_trusted_device (id_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)""";
    private static final String FIND_TRUSTED = """
            SELECT expires_at FROM sa_trusted_device WHERE id_hash = ? AND user_id = ? AND expires_at > ?""";
    private static final String DELETE_TRUSTED = "DELETE FROM sa_trusted_device WHERE id_hash = ? AND user_id = ?";
    private static final String DELETE_USER_TRUSTED = "DELETE FROM sa_trusted_device WHERE user_id = ?";
    private static final String DELETE_EXPIRED_TRUSTED = """
            DELETE FROM sa_trusted_device WHERE id_hash IN (
                SELECT id_hash FROM sa_trusted_device WHERE expires_at <= ? FETCH FIRST ? ROWS ONLY)""";

    /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    JdbcTwoFactorStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Enrolment> find(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Enrolment(userId, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4), rs.getLong(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read a two-factor enrolment", e);
        }
    }

    @Override
    public boolean enrol(Enrolment e, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(DELETE_UNVERIFIED)) {
                    ps.setString(1, e.userId());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, e.userId());
                    ps.setString(2, e.secret());
                    ps.setString(3, e.issuer());
                    ps.setString(4, e.backupCodes());
                    ps.setBoolean(5, e.verified());
                    ps.setLong(6, e.lastStep());
                    TimestampColumns.set(ps, 7, now);
                    TimestampColumns.set(ps, 8, now);
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException failed) {
                c.rollback();
                // The confirmed enrolment the DELETE left alone holds the key: this user has two-factor on already.
                if (UNIQUE_VIOLATION.equals(failed.getSQLState())) {
                    return false;
                }
                throw failed;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException failed) {
            throw unavailable("store a two-factor enrolment", failed);
        }
    }

    @Override
    public boolean acceptStep(String userId, String secret, long step, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ACCEPT_STEP)) {
            ps.setLong(1, step);
            TimestampColumns.set(ps, 2, now);
            ps.setString(3, userId);
            ps.setString(4, secret);
            ps.setLong(5, step);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("record a used code", e);
        }
    }

    @Override
    public boolean replaceBackupCodes(String userId, String expected, String replacement, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REPLACE_CODES)) {
            ps.setString(1, replacement);
            TimestampColumns.set(ps, 2, now);
            ps.setString(3, userId);
            ps.setString(4, expected);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("store backup codes", e);
        }
    }

    @Override
    public boolean delete(String userId) {
        return update("delete a two-factor enrolment", DELETE, userId) > 0;
    }

    @Override
    public void createPending(String idHash, Pending p, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_PENDING)) {
            ps.setString(1, idHash);
            ps.setString(2, p.userId());
            ps.setString(3, p.method());
            ps.setBoolean(4, p.rememberMe());
            ps.setInt(5, p.attempts());
            TimestampColumns.set(ps, 6, p.expiresAt());
            TimestampColumns.set(ps, 7, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("store a pending sign-in", e);
        }
    }

    @Override
    public Optional<Pending> findPending(String idHash, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND_PENDING)) {
            ps.setString(1, idHash);
            TimestampColumns.set(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Pending(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4),
                                TimestampColumns.get(rs, 5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read a pending sign-in", e);
        }
    }

    @Override
    public boolean spendAttempt(String idHash, int max, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SPEND_ATTEMPT)) {
            ps.setString(1, idHash);
            ps.setInt(2, max);
            TimestampColumns.set(ps, 3, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("count a try of a pending sign-in", e);
        }
    }

    @Override
    public boolean consumePending(String idHash, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CONSUME_PENDING)) {
            ps.setString(1, idHash);
            TimestampColumns.set(ps, 2, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("end a pending sign-in", e);
        }
    }

    @Override
    public void deletePending(String userId) {
        update("end pending sign-ins", DELETE_USER_PENDING, userId);
    }

    @Override
    public void createTrusted(String idHash, String userId, Instant expiresAt, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_TRUSTED)) {
            ps.setString(1, idHash);
            ps.setString(2, userId);
            TimestampColumns.set(ps, 3, expiresAt);
            TimestampColumns.set(ps, 4, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("store a trusted device", e);
        }
    }

    @Override
    public Optional<Instant> consumeTrusted(String idHash, String userId, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            Instant expiresAt;
            try (PreparedStatement ps = c.prepareStatement(FIND_TRUSTED)) {
                ps.setString(1, idHash);
                ps.setString(2, userId);
                TimestampColumns.set(ps, 3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    expiresAt = TimestampColumns.get(rs, 1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(DELETE_TRUSTED)) {
                ps.setString(1, idHash);
                ps.setString(2, userId);
                // Whoever deletes the row used the device's value: a copy presented at the same moment does not.
                return ps.executeUpdate() == 1 ? Optional.of(expiresAt) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("use a trusted device", e);
        }
    }

    @Override
    public int deleteTrusted(String userId) {
        return update("forget trusted devices", DELETE_USER_TRUSTED, userId);
    }

    @Override
    public void deleteExpired(Instant now, int limit) {
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(DELETE_EXPIRED_PENDING, DELETE_EXPIRED_TRUSTED)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    TimestampColumns.set(ps, 1, now);
                    ps.setInt(2, limit);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw unavailable("delete expired two-factor rows", e);
        }
    }

    private int update(String operation, String sql, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(operation, e);
        }
    }

    private static StoreUnavailableException unavailable(String operation, SQLException e) {
        return new StoreUnavailableException("two-factor store failed to " + operation + ": " + e.getMessage(), e);
    }
}
