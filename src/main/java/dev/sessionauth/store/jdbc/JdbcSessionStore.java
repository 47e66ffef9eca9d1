package dev.sessionauth.store.jdbc;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.Session;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.NoSuchUserException;
import dev.sessionauth.spi.Revocation;
import dev.sessionauth.spi.SessionAndUser;
import dev.sessionauth.spi.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link SessionStore} over JDBC ({@code sa_session}); every lookup is one indexed statement, and resolving a
 * token reads two rows by their integer primary keys (see {@link Version2Migration}).
 */
public final class JdbcSessionStore implements SessionStore {
    private static final String EXTEND = """
            UPDATE sa_session SET expires_at = ?, updated_at = ?
            WHERE id = ? AND updated_at < ?""";
    private static final String DELETE = "DELETE FROM sa_session WHERE id = ?";
    private static final String DELETE_OWNED = "DELETE FROM sa_session WHERE id = ? AND user_id = ?";
    private static final String DELETE_ALL_OF = "DELETE FROM sa_session WHERE user_id = ?";
    private static final String DELETE_ALL_OF_EXCEPT = "DELETE FROM sa_session WHERE user_id = ? AND id <> ?";
    // A sub-select instead of DELETE ... LIMIT, which PostgreSQL lacks: the same batch SQL on both databases. SKIP
    // LOCKED: a row a refresh or a revocation holds is left for the next batch, so the batch never waits on a lock
    // and never joins a deadlock (a revoke-all locks several rows of one user, in an order of its own).
    private static final String DELETE_EXPIRED = """
            DELETE FROM sa_session WHERE lookup_key IN (
                SELECT lookup_key FROM sa_session WHERE expires_at <= ?
                FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED)""";
    private static final String LOG_REVOCATION = """
            INSERT INTO sa_revocation (user_id, scope, session_id, revoked_at) VALUES (?, ?, ?, ?)""";
    private static final String REVOCATIONS_AFTER = """
            SELECT seq, user_id, scope, session_id, revoked_at FROM sa_revocation WHERE seq > ?
            ORDER BY seq FETCH FIRST ? ROWS ONLY""";
    private static final String DELETE_REVOCATIONS_BEFORE = """
            DELETE FROM sa_revocation WHERE seq IN (
                SELECT seq FROM sa_revocation WHERE revoked_at < ? FETCH FIRST ? ROWS ONLY)""";

    private final DataSource dataSource;
    private final FieldColumns userFields;
    private final FieldColumns sessionFields;
    // Built once from the declared fields (checked identifiers); every value is still a bound parameter.
    private final String insert;
    private final String findByTokenHash;
    private final String findSessionByTokenHash;
    private final String listLive;

    /** Sessions in {@code dataSource}, without declared fields. */
    public JdbcSessionStore(DataSource dataSource) {
        this(dataSource, List.of(), List.of());
    }

    /** Sessions in {@code dataSource}, with the declared user and session fields. */
    public JdbcSessionStore(DataSource dataSource, List<AdditionalField> userFields,
                            List<AdditionalField> sessionFields) {
        this.dataSource = dataSource;
        this.userFields = new FieldColumns(userFields);
        this.sessionFields = new FieldColumns(sessionFields);
        this.insert = Jdbc.insertSession(this.sessionFields);
        // The row is found by the first 64 bits of the hash; the whole hash is compared in Java, in constant time.
        this.findByTokenHash = "SELECT s.token_hash, " + Jdbc.sessionColumns(this.sessionFields) + ", "
                + Jdbc.userColumns(this.userFields)
                + " FROM sa_session s JOIN sa_user u ON u.row_key = s.user_key WHERE s.lookup_key = ?";
        this.findSessionByTokenHash = "SELECT s.token_hash, " + Jdbc.sessionColumns(this.sessionFields)
                + " FROM sa_session s WHERE s.lookup_key = ?";
        this.listLive = "SELECT " + Jdbc.sessionColumns(this.sessionFields)
                + " FROM sa_session s WHERE s.user_id = ? AND s.expires_at > ? ORDER BY s.created_at DESC, s.id";
    }

    @Override
    public void create(NewSession session) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            Jdbc.bindSession(ps, session.session(), session.tokenHash(), sessionFields);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Jdbc.isMissingUser(e)) {
                // The user was deleted between the password check and this insert: their race, not an outage.
                throw new NoSuchUserException();
            }
            throw Jdbc.unavailable("create a session", e);
        }
    }

    @Override
    public Optional<SessionAndUser> findByTokenHash(String tokenHash) {
        if (!TokenHasher.isHash(tokenHash)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(findByTokenHash)) {
            ps.setLong(1, TokenHasher.lookupKey(tokenHash));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ColumnReader row = new ColumnReader(rs);
                if (!MessageDigest.isEqual(row.string().getBytes(StandardCharsets.US_ASCII),
                        tokenHash.getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.empty();
                }
                return Optional.of(new SessionAndUser(Jdbc.session(row, sessionFields), Jdbc.user(row, userFields)));
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a session", e);
        }
    }

    @Override
    public Optional<Session> findSessionByTokenHash(String tokenHash) {
        if (!TokenHasher.isHash(tokenHash)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(findSessionByTokenHash)) {
            ps.setLong(1, TokenHasher.lookupKey(tokenHash));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ColumnReader row = new ColumnReader(rs);
                if (!MessageDigest.isEqual(row.string().getBytes(StandardCharsets.US_ASCII),
                        tokenHash.getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.empty();
                }
                return Optional.of(Jdbc.session(row, sessionFields));
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a session", e);
        }
    }

    /** The statement behind {@link #findByTokenHash}, for tests that check its plan. */
    String findByTokenHashSql() {
        return findByTokenHash;
    }

    @Override
    public boolean extend(String sessionId, Instant newExpiresAt, Instant now, Instant refreshedBefore) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(EXTEND)) {
            Jdbc.setInstant(ps, 1, newExpiresAt);
            Jdbc.setInstant(ps, 2, now);
            ps.setString(3, sessionId);
            Jdbc.setInstant(ps, 4, refreshedBefore);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.unavailable("refresh a session", e);
        }
    }

    @Override
    public boolean updateFields(String sessionId, Map<String, Object> fields, Instant now) {
        List<AdditionalField> changed = sessionFields.fields().stream().filter(f -> fields.containsKey(f.name())).toList();
        StringBuilder sql = new StringBuilder("UPDATE sa_session SET updated_at = updated_at");
        changed.forEach(f -> sql.append(", ").append(f.column()).append(" = ?"));
        sql.append(" WHERE id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ParameterBinder parameters = new ParameterBinder(ps);
            for (AdditionalField f : changed) {
                parameters.field(sessionFields, f, fields.get(f.name()));
            }
            parameters.string(sessionId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.unavailable("update a session", e);
        }
    }

    @Override
    public boolean delete(String sessionId) {
        return Jdbc.update(dataSource, "delete a session", DELETE, sessionId) == 1;
    }

    @Override
    public boolean deleteOwned(String userId, String sessionId) {
        return Jdbc.update(dataSource, "delete a session", DELETE_OWNED, sessionId, userId) == 1;
    }

    @Override
    public int deleteAllOf(String userId, Optional<String> keepSessionId) {
        return keepSessionId.isPresent()
                ? Jdbc.update(dataSource, "delete sessions", DELETE_ALL_OF_EXCEPT, userId, keepSessionId.get())
                : Jdbc.update(dataSource, "delete sessions", DELETE_ALL_OF, userId);
    }

    @Override
    public List<Session> listLive(String userId, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(listLive)) {
            ps.setString(1, userId);
            Jdbc.setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                List<Session> sessions = new ArrayList<>();
                while (rs.next()) {
                    sessions.add(Jdbc.session(new ColumnReader(rs), sessionFields));
                }
                return sessions;
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("list sessions", e);
        }
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return Jdbc.deleteExpired(dataSource, "delete expired sessions", DELETE_EXPIRED, now, limit);
    }

    @Override
    public void logRevocation(Revocation revocation) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOG_REVOCATION)) {
            new ParameterBinder(ps).string(revocation.userId()).string(revocation.scope().name())
                    .string(revocation.sessionId()).instant(revocation.revokedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.unavailable("log a revocation", e);
        }
    }

    @Override
    public List<Revocation.Logged> revocationsAfter(long after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REVOCATIONS_AFTER)) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Revocation.Logged> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(new Revocation.Logged(rs.getLong(1), new Revocation(rs.getString(2),
                            Revocation.Scope.valueOf(rs.getString(3)), rs.getString(4), Jdbc.getInstant(rs, 5))));
                }
                return entries;
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read the revocation log", e);
        }
    }

    @Override
    public int deleteRevocationsBefore(Instant before, int limit) {
        return Jdbc.deleteExpired(dataSource, "prune the revocation log", DELETE_REVOCATIONS_BEFORE, before, limit);
    }
}
