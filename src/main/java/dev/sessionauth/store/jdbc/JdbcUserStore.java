package dev.sessionauth.store.jdbc;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.User;
import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link UserStore} over JDBC: {@code sa_user} (with a column per declared additional field) plus the password
 * credential in {@code sa_account}.
 */
public final class JdbcUserStore implements UserStore {
    static final String PASSWORD_PROVIDER = "credential";

    private static final String INSERT_ACCOUNT = """
            INSERT INTO sa_account (id, user_id, provider_id, account_id, password_hash, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String MARK_VERIFIED = """
            UPDATE sa_user SET email_verified = TRUE, updated_at = ? WHERE id = ? AND email = ?""";
    private static final String UPDATE_PASSWORD = """
            UPDATE sa_account SET password_hash = ?, updated_at = ? WHERE user_id = ? AND provider_id = ?""";
    private static final String CHANGE_EMAIL = """
            UPDATE sa_user SET email = ?, email_verified = FALSE, updated_at = ? WHERE id = ?""";
    // Each table by name rather than through ON DELETE CASCADE: the rows go whatever keys a migrated schema has.
    private static final String DELETE_SESSIONS = "DELETE FROM sa_session WHERE user_id = ?";
    private static final String DELETE_ACCOUNTS = "DELETE FROM sa_account WHERE user_id = ?";
    private static final String DELETE_USER = "DELETE FROM sa_user WHERE id = ?";

    private final DataSource dataSource;
    private final FieldColumns userFields;
    private final FieldColumns sessionFields;
    // Built once from the declared fields (checked identifiers); every value is still a bound parameter.
    private final String insertUser;
    private final String insertSession;
    private final String findCredentials;
    private final String findById;
    private final String findByEmail;
    private final String findCredentialsById;

    /** Users in {@code dataSource}, without declared fields. */
    public JdbcUserStore(DataSource dataSource) {
        this(dataSource, List.of(), List.of());
    }

    /** Users in {@code dataSource}, with the declared user and session fields. */
    public JdbcUserStore(DataSource dataSource, List<AdditionalField> userFields, List<AdditionalField> sessionFields) {
        this.dataSource = dataSource;
        this.userFields = new FieldColumns(userFields);
        this.sessionFields = new FieldColumns(sessionFields);
        this.insertUser = "INSERT INTO sa_user (id, name, email, email_verified, image, created_at, updated_at"
                + this.userFields.insertColumns() + ") VALUES (?, ?, ?, ?, ?, ?, ?" + this.userFields.placeholders() + ")";
        this.insertSession = Jdbc.insertSession(this.sessionFields);
        this.findCredentials = "SELECT " + Jdbc.userColumns(this.userFields) + ", a.password_hash FROM sa_user u"
                + " JOIN sa_account a ON a.user_id = u.id AND a.provider_id = ? WHERE u.email = ?";
        this.findById = "SELECT " + Jdbc.userColumns(this.userFields) + " FROM sa_user u WHERE u.id = ?";
        this.findByEmail = "SELECT " + Jdbc.userColumns(this.userFields) + " FROM sa_user u WHERE u.email = ?";
        this.findCredentialsById = "SELECT " + Jdbc.userColumns(this.userFields) + ", a.password_hash FROM sa_user u"
                + " JOIN sa_account a ON a.user_id = u.id AND a.provider_id = ? WHERE u.id = ?";
    }

    @Override
    public void create(User user, String passwordHash, Optional<NewSession> firstSession) {
        try (Connection c = dataSource.getConnection()) {
            Jdbc.inTransaction(c, tx -> insert(tx, user, Optional.ofNullable(passwordHash), firstSession));
        } catch (SQLException e) {
            throw Jdbc.unavailable("create a user", e);
        }
    }

    /**
     * Writes the user, their password credential when they have a password, and their first session, on
     * {@code tx}: the caller's transaction makes it one unit with whatever else it writes.
     */
    void insert(Connection tx, User user, Optional<String> passwordHash, Optional<NewSession> firstSession)
            throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(insertUser)) {
            new ParameterBinder(ps)
                    .string(user.getId())
                    .string(user.getName())
                    .string(user.getEmail())
                    .bool(user.isEmailVerified())
                    .string(user.getImage())
                    .instant(user.getCreatedAt())
                    .instant(user.getUpdatedAt())
                    .fields(userFields, user.getFields());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (isEmailTaken(e)) {
                throw new DuplicateEmailException();
            }
            throw e;
        }
        if (passwordHash.isPresent()) {
            try (PreparedStatement ps = tx.prepareStatement(INSERT_ACCOUNT)) {
                new ParameterBinder(ps)
                        .string(user.getId())
                        .string(user.getId())
                        .string(PASSWORD_PROVIDER)
                        .string(user.getId())
                        .string(passwordHash.get())
                        .instant(user.getCreatedAt())
                        .instant(user.getUpdatedAt());
                ps.executeUpdate();
            }
        }
        if (firstSession.isPresent()) {
            try (PreparedStatement ps = tx.prepareStatement(insertSession)) {
                Jdbc.bindSession(ps, firstSession.get().session(), firstSession.get().tokenHash(), sessionFields);
                ps.executeUpdate();
            }
        }
    }

    private static boolean isEmailTaken(SQLException e) {
        return Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("sa_user_email_uq");
    }

    @Override
    public Optional<Credentials> findCredentials(String email) {
        return credentials(findCredentials, email);
    }

    @Override
    public Optional<Credentials> findCredentialsById(String userId) {
        return credentials(findCredentialsById, userId);
    }

    private Optional<Credentials> credentials(String sql, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, PASSWORD_PROVIDER);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ColumnReader row = new ColumnReader(rs);
                User user = Jdbc.user(row, userFields);
                return Optional.of(new Credentials(user, row.string()));
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a credential", e);
        }
    }

    /** The user with this e-mail address, with or without a password (for {@link JdbcAccountStore}). */
    Optional<User> findByEmail(String email) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(findByEmail)) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Jdbc.user(new ColumnReader(rs), userFields)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a user", e);
        }
    }

    @Override
    public Optional<User> findById(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(findById)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Jdbc.user(new ColumnReader(rs), userFields)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("read a user", e);
        }
    }

    @Override
    public Optional<User> updateProfile(String userId, String name, Optional<String> image, Map<String, Object> fields,
                                        Instant now) {
        List<AdditionalField> changed = userFields.fields().stream().filter(f -> fields.containsKey(f.name())).toList();
        StringBuilder sql = new StringBuilder("UPDATE sa_user SET name = ?, image = ?, updated_at = ?");
        changed.forEach(f -> sql.append(", ").append(f.column()).append(" = ?"));
        sql.append(" WHERE id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ParameterBinder parameters = new ParameterBinder(ps).string(name).string(image.orElse(null)).instant(now);
            for (AdditionalField f : changed) {
                parameters.field(userFields, f, fields.get(f.name()));
            }
            parameters.string(userId);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("update a user", e);
        }
        return findById(userId);
    }

    @Override
    public boolean markEmailVerified(String userId, String email, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_VERIFIED)) {
            Jdbc.setInstant(ps, 1, now);
            ps.setString(2, userId);
            ps.setString(3, email);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.unavailable("verify an e-mail address", e);
        }
    }

    @Override
    public boolean updatePassword(String userId, String passwordHash, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE_PASSWORD)) {
            new ParameterBinder(ps).string(passwordHash).instant(now).string(userId).string(PASSWORD_PROVIDER);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.unavailable("change a password", e);
        }
    }

    @Override
    public Optional<User> changeEmail(String userId, String newEmail, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CHANGE_EMAIL)) {
            new ParameterBinder(ps).string(newEmail).instant(now).string(userId);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            if (isEmailTaken(e)) {
                throw new DuplicateEmailException();
            }
            throw Jdbc.unavailable("change an e-mail address", e);
        }
        return findById(userId);
    }

    @Override
    public boolean delete(String userId) {
        boolean[] existed = new boolean[1];
        try (Connection c = dataSource.getConnection()) {
            Jdbc.inTransaction(c, tx -> {
                for (String sql : List.of(DELETE_SESSIONS, DELETE_ACCOUNTS, DELETE_USER)) {
                    try (PreparedStatement ps = tx.prepareStatement(sql)) {
                        ps.setString(1, userId);
                        // The last statement, on the user's own row, says whether there was one.
                        existed[0] = ps.executeUpdate() > 0;
                    }
                }
            });
        } catch (SQLException e) {
            throw Jdbc.unavailable("delete a user", e);
        }
        return existed[0];
    }
}
