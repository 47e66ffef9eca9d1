package dev.sessionauth.store.jdbc;

import dev.sessionauth.spi.VerificationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link VerificationStore} over JDBC ({@code sa_verification}). */
public final class JdbcVerificationStore implements VerificationStore {
    private static final String INSERT = """
            INSERT INTO sa_verification (id, identifier, value_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT id, identifier, expires_at FROM sa_verification WHERE value_hash = ?";
    private static final String DELETE = "DELETE FROM sa_verification WHERE id = ?";
    private static final String DELETE_ALL = "DELETE FROM sa_verification WHERE identifier = ?";
    private static final String DELETE_EXPIRED = """
            DELETE FROM sa_verification WHERE id IN (
                SELECT id FROM sa_verification WHERE expires_at <= ? FETCH FIRST ? ROWS ONLY)""";

    private final DataSource dataSource;

    /** Verification secrets in {@code dataSource}'s {@code sa_verification}. */
    public JdbcVerificationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(String id, String identifier, String valueHash, Instant expiresAt, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, id);
            ps.setString(2, identifier);
            ps.setString(3, valueHash);
            Jdbc.setInstant(ps, 4, expiresAt);
            Jdbc.setInstant(ps, 5, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.unavailable("store a verification secret", e);
        }
    }

    @Override
    public Optional<String> consume(String valueHash, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            String id;
            String identifier;
            Instant expiresAt;
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, valueHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getString(1);
                    identifier = rs.getString(2);
                    expiresAt = Jdbc.getInstant(rs, 3);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                ps.setString(1, id);
                // Whoever deletes the row owns the secret: single use even under concurrent clicks.
                boolean won = ps.executeUpdate() == 1;
                return won && now.isBefore(expiresAt) ? Optional.of(identifier) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("use a verification secret", e);
        }
    }

    @Override
    public Optional<String> find(String valueHash, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, valueHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && now.isBefore(Jdbc.getInstant(rs, 3)) ? Optional.of(rs.getString(2))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a verification secret", e);
        }
    }

    @Override
    public void deleteAll(String identifier) {
        Jdbc.update(dataSource, "delete verification secrets", DELETE_ALL, identifier);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return Jdbc.deleteExpired(dataSource, "delete expired verification secrets", DELETE_EXPIRED, now, limit);
    }
}
