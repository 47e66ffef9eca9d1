package dev.sessionauth.passkey;

import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.store.jdbc.TimestampColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link PasskeyStore} over the {@code sa_passkey} table, on the JDBC stores' data source (H2 and PostgreSQL alike).
 * A user's passkeys go with the user ({@code ON DELETE CASCADE}); credential ids are unique.
 */
final class JdbcPasskeyStore implements PasskeyStore {
    /** The table, as {@link PasskeyFeature#migrations()} creates it. */
    static final List<String> CREATE = List.of("""
            CREATE TABLE IF NOT EXISTS sa_passkey (
                id VARCHAR(64) PRIMARY KEY,
                user_id VARCHAR(64) NOT NULL REFERENCES sa_user (id) ON DELETE CASCADE,
                name VARCHAR(255),
                public_key VARCHAR(4096) NOT NULL,
                credential_id VARCHAR(1400) NOT NULL,
                counter BIGINT NOT NULL,
                device_type VARCHAR(16) NOT NULL,
                backed_up BOOLEAN NOT NULL,
                transports VARCHAR(512) NOT NULL,
                aaguid VARCHAR(36) NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT sa_passkey_credential_uq UNIQUE (credential_id))""",
            "CREATE INDEX IF NOT EXISTS sa_passkey_user_idx ON sa_passkey (user_id)");

    private static final String COLUMNS = "id, name, user_id, credential_id, public_key, counter, device_type, "
            + "backed_up, transports, created_at, aaguid";
    private static final String INSERT = "INSERT INTO sa_passkey (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)";
    private static final String LIST_OF = "SELECT " + COLUMNS + " FROM sa_passkey WHERE user_id = ? "
            + "ORDER BY created_at, id";
    private static final String COUNT_OF = "SELECT COUNT(*) FROM sa_passkey WHERE user_id = ?";
    private static final String FIND_BY_CREDENTIAL = "SELECT " + COLUMNS + " FROM sa_passkey WHERE credential_id = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM sa_passkey WHERE id = ?";
    private static final String ADVANCE_COUNTER = "UPDATE sa_passkey SET counter = ? WHERE id = ? AND counter = ?";
    private static final String RENAME = "UPDATE sa_passkey SET name = ? WHERE id = ?";
    private static final String LOCK_USER = "SELECT id FROM sa_user WHERE id = ? FOR UPDATE";
    private static final String OWNER = "SELECT user_id FROM sa_passkey WHERE id = ?";
    private static final String DELETE = "DELETE FROM sa_passkey WHERE id = ? AND user_id = ?";

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    JdbcPasskeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void add(Passkey p) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, p.id());
            ps.setString(2, p.name().orElse(null));
            ps.setString(3, p.userId());
            ps.setString(4, p.credentialId());
            ps.setString(5, p.publicKey());
            ps.setLong(6, p.counter());
            ps.setString(7, p.deviceType().wire());
            ps.setBoolean(8, p.backedUp());
            ps.setString(9, p.transports());
            TimestampColumns.set(ps, 10, p.createdAt());
            ps.setString(11, p.aaguid());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DuplicateCredentialException();
            }
            throw unavailable("store a passkey", e);
        }
    }

    @Override
    public List<Passkey> listOf(String userId) {
        return query("list passkeys", LIST_OF, userId);
    }

    @Override
    public int countOf(String userId) {
        try (Connection c = dataSource.getConnection()) {
            return count(c, userId);
        } catch (SQLException e) {
            throw unavailable("count passkeys", e);
        }
    }

    @Override
    public Optional<Passkey> findByCredentialId(String credentialId) {
        return query("find a passkey", FIND_BY_CREDENTIAL, credentialId).stream().findFirst();
    }

    @Override
    public Optional<Passkey> find(String id) {
        return query("find a passkey", FIND, id).stream().findFirst();
    }

    @Override
    public boolean advanceCounter(String id, long expected, long newCounter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADVANCE_COUNTER)) {
            ps.setLong(1, newCounter);
            ps.setString(2, id);
            ps.setLong(3, expected);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("update a passkey's counter", e);
        }
    }

    @Override
    public Optional<Passkey> rename(String id, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RENAME)) {
            ps.setString(1, name);
            ps.setString(2, id);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("rename a passkey", e);
        }
        return find(id);
    }

    @Override
    public Removal remove(String userId, String id, int otherWaysIn) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Removal removal = removeLocked(c, userId, id, otherWaysIn);
                c.commit();
                return removal;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw unavailable("delete a passkey", e);
        }
    }

    /**
     * Inside the transaction: the user's row is locked first, so two removals of the same user's passkeys (two tabs,
     * two instances) run one after the other and the second counts what the first left.
     */
    private static Removal removeLocked(Connection c, String userId, String id, int otherWaysIn) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_USER)) {
            lock.setString(1, userId);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    return Removal.NOT_FOUND;
                }
            }
        }
        try (PreparedStatement owner = c.prepareStatement(OWNER)) {
            owner.setString(1, id);
            try (ResultSet rs = owner.executeQuery()) {
                if (!rs.next()) {
                    return Removal.NOT_FOUND;
                }
                if (!rs.getString(1).equals(userId)) {
                    return Removal.NOT_OWNER;
                }
            }
        }
        if (otherWaysIn + count(c, userId) <= 1) {
            return Removal.LAST_WAY_IN;
        }
        try (PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, id);
            delete.setString(2, userId);
            return delete.executeUpdate() == 1 ? Removal.DELETED : Removal.NOT_FOUND;
        }
    }

    private static int count(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT_OF)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<Passkey> query(String operation, String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                List<Passkey> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw unavailable(operation, e);
        }
    }

    private static Passkey read(ResultSet rs) throws SQLException {
        Instant createdAt = TimestampColumns.get(rs, 10);
        return new Passkey(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), DeviceType.of(rs.getString(7)), rs.getBoolean(8), rs.getString(9),
                createdAt, rs.getString(11));
    }

    private static StoreUnavailableException unavailable(String operation, SQLException e) {
        return new StoreUnavailableException("passkey store failed to " + operation + ": " + e.getMessage(), e);
    }
}
