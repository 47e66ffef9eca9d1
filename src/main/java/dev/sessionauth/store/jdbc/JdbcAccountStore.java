package dev.sessionauth.store.jdbc;

import dev.sessionauth.User;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.spi.AccountStore;
import dev.sessionauth.spi.DuplicateAccountException;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.NoSuchUserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AccountStore} over JDBC: provider accounts are rows of {@code sa_account} beside the password credential
 * (provider id {@code credential}), unique by ({@code provider_id}, {@code account_id}).
 */
public final class JdbcAccountStore implements AccountStore {
    private static final String INSERT = """
            INSERT INTO sa_account (id, user_id, provider_id, account_id, password_hash, issuer, scopes, created_at,
                                    updated_at)
            VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)""";
    private static final String COLUMNS = "id, user_id, provider_id, account_id, issuer, scopes, created_at, updated_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM sa_account WHERE provider_id = ? AND account_id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM sa_account WHERE user_id = ? AND provider_id <> ?"
            + " ORDER BY created_at, id";
    private static final String HAS_PASSWORD = """
            SELECT COUNT(*) FROM sa_account WHERE user_id = ? AND provider_id = ? AND password_hash IS NOT NULL""";
    private static final String UNLINK = "DELETE FROM sa_account WHERE user_id = ? AND id = ? AND provider_id <> ?";

    private final DataSource dataSource;
    private final JdbcUserStore users;

    /** Provider accounts in {@code dataSource}, whose users have these declared fields. */
    public JdbcAccountStore(DataSource dataSource, List<AdditionalField> userFields,
                            List<AdditionalField> sessionFields) {
        this.dataSource = dataSource;
        this.users = new JdbcUserStore(dataSource, userFields, sessionFields);
    }

    @Override
    public void createUser(User user, LinkedAccount account, Optional<NewSession> firstSession) {
        try (Connection c = dataSource.getConnection()) {
            Jdbc.inTransaction(c, tx -> {
                users.insert(tx, user, Optional.empty(), firstSession);
                insert(tx, account);
            });
        } catch (SQLException e) {
            throw Jdbc.unavailable("create a user with a provider account", e);
        }
    }

    @Override
    public void link(LinkedAccount account) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, account);
        } catch (SQLException e) {
            if (Jdbc.isMissingUser(e)) {
                throw new NoSuchUserException();
            }
            throw Jdbc.unavailable("link a provider account", e);
        }
    }

    private static void insert(Connection c, LinkedAccount a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            new ParameterBinder(ps).string(a.id()).string(a.userId()).string(a.providerId()).string(a.accountId())
                    .string(a.issuer().orElse(null)).string(String.join(" ", a.scopes()))
                    .instant(a.createdAt()).instant(a.updatedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState()) && !isEmailTaken(e)) {
                throw new DuplicateAccountException();
            }
            throw e;
        }
    }

    private static boolean isEmailTaken(SQLException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("email");
    }

    @Override
    public Optional<User> findUserByEmail(String email) {
        return users.findByEmail(email);
    }

    @Override
    public Optional<LinkedAccount> find(String providerId, String accountId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, providerId);
            ps.setString(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("find a provider account", e);
        }
    }

    @Override
    public List<LinkedAccount> listOf(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, userId);
            ps.setString(2, JdbcUserStore.PASSWORD_PROVIDER);
            try (ResultSet rs = ps.executeQuery()) {
                List<LinkedAccount> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(read(rs));
                }
                return all;
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("list provider accounts", e);
        }
    }

    @Override
    public boolean hasPassword(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HAS_PASSWORD)) {
            ps.setString(1, userId);
            ps.setString(2, JdbcUserStore.PASSWORD_PROVIDER);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("look for a password credential", e);
        }
    }

    @Override
    public boolean unlink(String userId, String accountRowId) {
        return Jdbc.update(dataSource, "unlink a provider account", UNLINK, userId, accountRowId,
                JdbcUserStore.PASSWORD_PROVIDER) > 0;
    }

    private static LinkedAccount read(ResultSet rs) throws SQLException {
        String scopes = rs.getString(6);
        return new LinkedAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Optional.ofNullable(rs.getString(5)),
                scopes == null || scopes.isBlank() ? List.of() : Arrays.asList(scopes.trim().split(" +")),
                Jdbc.getInstant(rs, 7), Jdbc.getInstant(rs, 8));
    }
}
