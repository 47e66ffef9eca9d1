package dev.sessionauth.store.jdbc;

import dev.sessionauth.spi.MetaStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link MetaStore} over JDBC ({@code sa_meta}); safe when several instances race to write the same name. */
public final class JdbcMetaStore implements MetaStore {
    private static final String GET = "SELECT meta_value FROM sa_meta WHERE meta_key = ?";
    private static final String INSERT = "INSERT INTO sa_meta (meta_key, meta_value) VALUES (?, ?)";
    private static final String REPLACE = "UPDATE sa_meta SET meta_value = ? WHERE meta_key = ? AND meta_value = ?";

    private final DataSource dataSource;

    /** The {@code sa_meta} entries of {@code dataSource}. */
    public JdbcMetaStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<String> get(String name) {
        try (Connection c = dataSource.getConnection()) {
            return get(c, name);
        } catch (SQLException e) {
            throw Jdbc.unavailable("read " + name, e);
        }
    }

    @Override
    public String putIfAbsent(String name, String value) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> existing = get(c, name);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.executeUpdate();
                return value;
            } catch (SQLException e) {
                if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Another instance won the race: use its value so every instance agrees.
                    return get(c, name).orElseThrow(() -> e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("write " + name, e);
        }
    }

    @Override
    public boolean replace(String name, String expected, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REPLACE)) {
            ps.setString(1, value);
            ps.setString(2, name);
            ps.setString(3, expected);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.unavailable("write " + name, e);
        }
    }

    static Optional<String> get(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
