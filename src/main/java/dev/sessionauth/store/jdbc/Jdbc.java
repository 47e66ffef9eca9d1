package dev.sessionauth.store.jdbc;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The conversions and row mappings the JDBC stores share. */
final class Jdbc {
    /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";
    /** A NOT NULL column left empty (the user key's sub-select found no user), on H2 and PostgreSQL alike. */
    private static final String NOT_NULL_VIOLATION = "23502";
    /** A foreign key naming a missing row: PostgreSQL's code, then H2's. */
    private static final List<String> FOREIGN_KEY_VIOLATIONS = List.of("23503", "23506");

    /** Statements run on one connection, as one unit of work. */
    @FunctionalInterface
    interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private Jdbc() {
    }

    /**
     * Runs {@code work} as one transaction on {@code c}: committed when it returns, rolled back when it throws (the
     * exception goes on), and the connection's auto-commit left as it was found, since a pooled connection is reused.
     */
    static void inTransaction(Connection c, SqlWork work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            work.run(c);
            c.commit();
        } catch (Throwable e) {
            // Every throwable, errors too: restoring auto-commit below would otherwise commit the half-done work.
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Whether an insert failed because the user row it refers to is gone. */
    static boolean isMissingUser(SQLException e) {
        return NOT_NULL_VIOLATION.equals(e.getSQLState()) || FOREIGN_KEY_VIOLATIONS.contains(e.getSQLState());
    }

    static StoreUnavailableException unavailable(String operation, SQLException e) {
        return new StoreUnavailableException("session store failed to " + operation + ": " + e.getMessage(), e);
    }

    /** Runs one statement whose parameters are all strings; the rows it changed. */
    static int update(DataSource dataSource, String operation, String sql, String... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(operation, e);
        }
    }

    /** Runs a batched delete of expired rows ({@code sql} binds the instant, then the batch size). */
    static int deleteExpired(DataSource dataSource, String operation, String sql, Instant now, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            setInstant(ps, 1, now);
            ps.setInt(2, limit);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(operation, e);
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        TimestampColumns.set(ps, index, instant);
    }

    static Instant getInstant(ResultSet rs, int index) throws SQLException {
        return TimestampColumns.get(rs, index);
    }

    /** The user columns in the order {@link #user} reads them, for a SELECT list over {@code sa_user u}. */
    static String userColumns(FieldColumns fields) {
        return "u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at" + fields.selectList("u");
    }

    /** Maps the columns {@link #userColumns} lists, read from where {@code row} stands. */
    static User user(ColumnReader row, FieldColumns fields) throws SQLException {
        // Arguments are evaluated left to right (JLS 15.7.4): the same order as the SELECT list.
        return new User(row.string(), row.string(), row.string(), row.bool(), row.optionalString(), row.instant(),
                row.instant(), row.fields(fields));
    }

    /** The session columns in the order {@link #session} reads them, for a SELECT list over {@code sa_session s}. */
    static String sessionColumns(FieldColumns fields) {
        return "s.id, s.user_id, s.expires_at, s.absolute_expires_at, s.created_at, s.updated_at, s.ip_address,"
                + " s.user_agent, s.remember" + fields.selectList("s");
    }

    /** Maps the columns {@link #sessionColumns} lists, read from where {@code row} stands. */
    static Session session(ColumnReader row, FieldColumns fields) throws SQLException {
        // Arguments are evaluated left to right (JLS 15.7.4): the same order as the SELECT list.
        return new Session(row.string(), row.string(), row.instant(), row.instant(), row.instant(), row.instant(),
                row.optionalString(), row.optionalString(), row.bool(), row.fields(fields));
    }

    /**
     * The session's integer keys travel with it: {@code lookup_key} from its token hash, {@code user_key} read from
     * its user's row in the same statement (no user, no row: the NOT NULL refuses it).
     */
    static String insertSession(FieldColumns fields) {
        return "INSERT INTO sa_session (lookup_key, id, token_hash, user_id, user_key, expires_at, absolute_expires_at,"
                + " created_at, updated_at, ip_address, user_agent, remember" + fields.insertColumns() + ")"
                + " VALUES (?, ?, ?, ?, (SELECT u.row_key FROM sa_user u WHERE u.id = ?), ?, ?, ?, ?, ?, ?, ?"
                + fields.placeholders() + ")";
    }

    /** Binds {@link #insertSession}'s parameters. */
    static void bindSession(PreparedStatement ps, Session s, String tokenHash, FieldColumns fields) throws SQLException {
        new ParameterBinder(ps)
                .bigint(TokenHasher.lookupKey(tokenHash))
                .string(s.getId())
                .string(tokenHash)
                .string(s.getUserId())
                .string(s.getUserId()) // the sub-select that finds user_key
                .instant(s.getExpiresAt())
                .instant(s.getAbsoluteExpiresAt())
                .instant(s.getCreatedAt())
                .instant(s.getUpdatedAt())
                .string(s.getIpAddress())
                .string(s.getUserAgent())
                .bool(s.isRemember())
                .fields(fields, s.getFields());
    }
}
