package dev.sessionauth.oidc;

import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.store.jdbc.TimestampColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ProviderTokenStore} over the social feature's table {@code sa_social_token}, on the JDBC stores' data source
 * (H2 and PostgreSQL alike).
 *
 * <p>A table of its own rather than columns added to {@code sa_account}: the core's account store owns that table and
 * its row shape (the password credential lives there too), and would have to learn columns that only this feature
 * reads or writes. Keyed by the account's row id with {@code ON DELETE CASCADE}, the tokens go with the account:
 * unlinking it, or deleting the user (whose accounts cascade), deletes them in the same statement.
 */
final class JdbcProviderTokenStore implements ProviderTokenStore {
    /** The table, as {@link SocialFeature#migrations()} creates it; token columns hold {@code SecretBox} text only. */
    static final List<String> CREATE = List.of("""
            CREATE TABLE IF NOT EXISTS sa_social_token (
                account_id VARCHAR(64) PRIMARY KEY REFERENCES sa_account (id) ON DELETE CASCADE,
                access_token VARCHAR(16384),
                refresh_token VARCHAR(16384),
                id_token VARCHAR(16384),
                access_token_expires_at TIMESTAMP WITH TIME ZONE,
                refresh_token_expires_at TIMESTAMP WITH TIME ZONE,
                scope VARCHAR(4096) NOT NULL,
                updated_at TIMESTAMP WITH TIME ZONE NOT NULL)""");

    private static final String COLUMNS = "access_token, refresh_token, id_token, access_token_expires_at,"
            + " refresh_token_expires_at, scope, updated_at";
    private static final String UPDATE = "UPDATE sa_social_token SET access_token = ?, refresh_token = ?, id_token = ?,"
            + " access_token_expires_at = ?, refresh_token_expires_at = ?, scope = ?, updated_at = ? WHERE account_id = ?";
    private static final String INSERT = "INSERT INTO sa_social_token (" + COLUMNS + ", account_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM sa_social_token WHERE account_id = ?";
    private static final String DELETE = "DELETE FROM sa_social_token WHERE account_id = ?";

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final System.Logger LOG = System.getLogger(JdbcProviderTokenStore.class.getName());

    private final DataSource dataSource;
    private final Clock clock;

    JdbcProviderTokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void save(String accountRowId, ProviderTokens tokens) {
        try (Connection c = dataSource.getConnection()) {
            if (write(c, clock, UPDATE, accountRowId, tokens) > 0) {
                return;
            }
            try {
                write(c, clock, INSERT, accountRowId, tokens);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Another sign-in of the same account inserted first: the later write wins, as an update.
                    write(c, clock, UPDATE, accountRowId, tokens);
                } else if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                    // The account was unlinked (or its user deleted) a moment ago: its tokens go with it.
                    LOG.log(System.Logger.Level.DEBUG, "account " + accountRowId + " is gone; its tokens not kept");
                } else {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw unavailable("keep a provider's tokens", e);
        }
    }

    private static int write(Connection c, Clock clock, String sql, String accountRowId, ProviderTokens t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.accessToken().orElse(null));
            ps.setString(2, t.refreshToken().orElse(null));
            ps.setString(3, t.idToken().orElse(null));
            setInstant(ps, 4, t.accessTokenExpiresAt());
            setInstant(ps, 5, t.refreshTokenExpiresAt());
            ps.setString(6, t.scope());
            TimestampColumns.set(ps, 7, clock.instant());
            ps.setString(8, accountRowId);
            return ps.executeUpdate();
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            TimestampColumns.set(ps, index, instant.get());
        } else {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    @Override
    public Optional<ProviderTokens> find(String accountRowId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, accountRowId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ProviderTokens(Optional.ofNullable(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                        instant(rs, 4), instant(rs, 5), ProviderTokens.parseScope(rs.getString(6))));
            }
        } catch (SQLException e) {
            throw unavailable("read a provider's tokens", e);
        }
    }

    private static Optional<Instant> instant(ResultSet rs, int index) throws SQLException {
        return Optional.ofNullable(rs.getObject(index, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    @Override
    public void delete(String accountRowId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, accountRowId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("forget a provider's tokens", e);
        }
    }

    private static StoreUnavailableException unavailable(String operation, SQLException e) {
        return new StoreUnavailableException("social token store failed to " + operation + ": " + e.getMessage(), e);
    }
}
