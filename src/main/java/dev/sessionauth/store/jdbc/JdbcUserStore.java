package dev.sessionauth.store.jdbc;

import dev.sessionauth.User;
import dev.sessionauth.store.Credentials;
import dev.sessionauth.store.DuplicateEmailException;
import dev.sessionauth.store.NewSession;
import dev.sessionauth.store.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link UserStore} over JDBC: {@code sa_user} plus the password credential in {@code sa_account}. */
public final class JdbcUserStore implements UserStore {
    static final String PASSWORD_PROVIDER = "credential";

    private static final String INSERT_USER = """
            INSERT INTO sa_user (id, name, email, email_verified, image, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ACCOUNT = """
            INSERT INTO sa_account (id, user_id, provider_id, account_id, password_hash, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND_CREDENTIALS = """
            SELECT u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at, a.password_hash
            FROM sa_user u JOIN sa_account a ON a.user_id = u.id AND a.provider_id = ?
            WHERE u.email = ?""";
    private static final String FIND_BY_ID = """
            SELECT u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at
            FROM sa_user u WHERE u.id = ?""";
    private static final String UPDATE_PROFILE = "UPDATE sa_user SET name = ?, image = ?, updated_at = ? WHERE id = ?";

    private final DataSource dataSource;

    public JdbcUserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void createWithSession(User user, String passwordHash, NewSession firstSession) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
                    ps.setString(1, user.getId());
                    ps.setString(2, user.getName());
                    ps.setString(3, user.getEmail());
                    ps.setBoolean(4, user.isEmailVerified());
                    ps.setString(5, user.getImage());
                    Jdbc.setInstant(ps, 6, user.getCreatedAt());
                    Jdbc.setInstant(ps, 7, user.getUpdatedAt());
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (isEmailTaken(e)) {
                        throw new DuplicateEmailException();
                    }
                    throw e;
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT_ACCOUNT)) {
                    ps.setString(1, user.getId());
                    ps.setString(2, user.getId());
                    ps.setString(3, PASSWORD_PROVIDER);
                    ps.setString(4, user.getId());
                    ps.setString(5, passwordHash);
                    Jdbc.setInstant(ps, 6, user.getCreatedAt());
                    Jdbc.setInstant(ps, 7, user.getUpdatedAt());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(Jdbc.INSERT_SESSION)) {
                    Jdbc.bindSession(ps, firstSession.session(), firstSession.tokenHash());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("create a user", e);
        }
    }

    /** Only the e-mail constraint means "taken": any other collision is a store failure, not the user's doing. */
    private static boolean isEmailTaken(SQLException e) {
        return Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("sa_user_email_uq");
    }

    @Override
    public Optional<Credentials> findCredentials(String email) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND_CREDENTIALS)) {
            ps.setString(1, PASSWORD_PROVIDER);
            ps.setString(2, email);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(Jdbc.user(rs, 1), rs.getString(8))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a credential", e);
        }
    }

    @Override
    public Optional<User> findById(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND_BY_ID)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Jdbc.user(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a user", e);
        }
    }

    @Override
    public Optional<User> updateProfile(String userId, String name, Optional<String> image, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE_PROFILE)) {
            ps.setString(1, name);
            ps.setString(2, image.orElse(null));
            Jdbc.setInstant(ps, 3, now);
            ps.setString(4, userId);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("update a user", e);
        }
        return findById(userId);
    }
}
