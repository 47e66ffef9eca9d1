package dev.sessionauth.store.jdbc;

import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.config.AdditionalField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Creates and migrates SessionAuth's tables ({@code sa_*}). Each migration is a list of portable statements
 * (H2 and PostgreSQL); {@code sa_meta.schema_version} records how far a database has come.
 */
public final class Schema {
    /** The schema version this code reads and writes. */
    public static final int CURRENT_VERSION = 5;

    private static final String VERSION_KEY = "schema_version";
    private static final String CREATE_META = """
            CREATE TABLE IF NOT EXISTS sa_meta (
                meta_key VARCHAR(64) PRIMARY KEY,
                meta_value VARCHAR(1024) NOT NULL)""";
    private static final String UPDATE_VERSION = "UPDATE sa_meta SET meta_value = ? WHERE meta_key = ?";
    private static final String INSERT_VERSION = "INSERT INTO sa_meta (meta_key, meta_value) VALUES (?, ?)";
    // Serialises concurrent migrations of instances that start together against one PostgreSQL database.
    private static final String POSTGRES_LOCK = "SELECT pg_advisory_xact_lock(7275630821955563522)";

    /** One step of the schema's history, run inside the migration's transaction (PostgreSQL's DDL is transactional). */
    @FunctionalInterface
    private interface Migration {
        void apply(Connection c) throws SQLException;

        static Migration of(String... statements) {
            return c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
            };
        }
    }

    // Version 1 as it shipped; a fresh database runs every step in order, so the upgrade path is the one tested.
    private static final Migration VERSION_1 = Migration.of(
            """
            CREATE TABLE IF NOT EXISTS sa_user (
                id VARCHAR(64) PRIMARY KEY,
                name VARCHAR(255) NOT NULL,
                email VARCHAR(320) NOT NULL,
                email_verified BOOLEAN DEFAULT FALSE NOT NULL,
                image VARCHAR(2048),
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT sa_user_email_uq UNIQUE (email))""",
            """
            CREATE TABLE IF NOT EXISTS sa_account (
                id VARCHAR(64) PRIMARY KEY,
                user_id VARCHAR(64) NOT NULL REFERENCES sa_user (id) ON DELETE CASCADE,
                provider_id VARCHAR(64) NOT NULL,
                account_id VARCHAR(255) NOT NULL,
                password_hash VARCHAR(255),
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT sa_account_provider_uq UNIQUE (provider_id, account_id))""",
            "CREATE INDEX IF NOT EXISTS sa_account_user_idx ON sa_account (user_id)",
            """
            CREATE TABLE IF NOT EXISTS sa_session (
                id VARCHAR(64) PRIMARY KEY,
                token_hash VARCHAR(64) NOT NULL,
                user_id VARCHAR(64) NOT NULL REFERENCES sa_user (id) ON DELETE CASCADE,
                expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
                absolute_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
                ip_address VARCHAR(64),
                user_agent VARCHAR(512),
                remember BOOLEAN DEFAULT TRUE NOT NULL,
                CONSTRAINT sa_session_token_uq UNIQUE (token_hash))""",
            "CREATE INDEX IF NOT EXISTS sa_session_user_idx ON sa_session (user_id)",
            "CREATE INDEX IF NOT EXISTS sa_session_expires_idx ON sa_session (expires_at)",
            """
            CREATE TABLE IF NOT EXISTS sa_verification (
                id VARCHAR(64) PRIMARY KEY,
                identifier VARCHAR(320) NOT NULL,
                value_hash VARCHAR(64) NOT NULL,
                expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT sa_verification_value_uq UNIQUE (value_hash))""",
            "CREATE INDEX IF NOT EXISTS sa_verification_identifier_idx ON sa_verification (identifier)");

    // Version 2: integer primary keys, with existing rows carried over (big enough for a class of its own).
    private static final Migration VERSION_2 = Version2Migration::apply;

    // Version 3: fixed-window counters (failed sign-ins per account) that instances on one database share.
    private static final Migration VERSION_3 = Migration.of(
            """
            CREATE TABLE IF NOT EXISTS sa_rate_limit (
                limit_key VARCHAR(64) PRIMARY KEY,
                hits INTEGER NOT NULL,
                ends_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS sa_rate_limit_ends_idx ON sa_rate_limit (ends_at)");

    // Version 4: the revocation log that instances under the jwt strategy poll (one indexed read a second each).
    private static final Migration VERSION_4 = Migration.of(
            """
            CREATE TABLE IF NOT EXISTS sa_revocation (
                seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                user_id VARCHAR(64) NOT NULL,
                scope VARCHAR(16) NOT NULL,
                session_id VARCHAR(64) NOT NULL,
                revoked_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS sa_revocation_revoked_idx ON sa_revocation (revoked_at)");

    // Version 5: accounts of identity providers beside the password credential (issuer, granted scopes); every row
    // stays, the password credential keeps provider_id 'credential'.
    private static final Migration VERSION_5 = Migration.of(
            "ALTER TABLE sa_account ADD COLUMN IF NOT EXISTS issuer VARCHAR(512)",
            "ALTER TABLE sa_account ADD COLUMN IF NOT EXISTS scopes VARCHAR(1024)");

    private static final List<Migration> MIGRATIONS = List.of(VERSION_1, VERSION_2, VERSION_3, VERSION_4, VERSION_5);

    private Schema() {
    }

    /** Brings the database up to {@link #CURRENT_VERSION}; a no-op when it is there already. */
    public static void migrate(DataSource dataSource) {
        migrateTo(dataSource, CURRENT_VERSION);
    }

    /** Brings the database up to {@code target} (tests build older databases with it, to upgrade them). */
    static void migrateTo(DataSource dataSource, int target) {
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            Jdbc.inTransaction(c, tx -> {
                if (postgres) {
                    try (Statement s = tx.createStatement()) {
                        s.execute(POSTGRES_LOCK);
                    }
                }
                try (Statement s = tx.createStatement()) {
                    s.execute(CREATE_META);
                }
                Optional<Integer> version = readVersion(tx);
                for (int v = version.orElse(0); v < target; v++) {
                    MIGRATIONS.get(v).apply(tx);
                }
                if (version.isEmpty()) {
                    write(tx, INSERT_VERSION, VERSION_KEY, Integer.toString(target));
                } else if (version.get() < target) {
                    write(tx, UPDATE_VERSION, Integer.toString(target), VERSION_KEY);
                }
            });
        } catch (SQLException e) {
            throw Jdbc.unavailable("create or migrate its tables", e);
        }
    }

    /**
     * Runs a feature's schema change {@code id} once (recorded in {@code sa_meta}), under the same lock as the core
     * migrations, so instances starting together apply it once.
     */
    public static void migrateFeature(DataSource dataSource, String id, List<String> statements) {
        String key = "migration:" + id;
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            Jdbc.inTransaction(c, tx -> {
                if (postgres) {
                    try (Statement st = tx.createStatement()) {
                        st.execute(POSTGRES_LOCK);
                    }
                }
                if (JdbcMetaStore.get(tx, key).isPresent()) {
                    return;
                }
                Migration.of(statements.toArray(String[]::new)).apply(tx);
                write(tx, INSERT_VERSION, key, "applied");
            });
        } catch (SQLException e) {
            throw Jdbc.unavailable("create or migrate the tables of " + id, e);
        }
    }

    /** Whether a feature's schema change {@code id} has been applied. */
    public static boolean featureMigrated(DataSource dataSource, String id) {
        try (Connection c = dataSource.getConnection()) {
            return JdbcMetaStore.get(c, "migration:" + id).isPresent();
        } catch (SQLException e) {
            throw Jdbc.unavailable("read its schema version", e);
        }
    }

    /**
     * Adds a column for every declared additional field that does not have one yet (existing rows get NULL,
     * read back as the field's default). Declared names are checked identifiers, so they are safe in DDL.
     */
    public static void addFieldColumns(DataSource dataSource, List<AdditionalField> userFields,
                                       List<AdditionalField> sessionFields) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (AdditionalField f : userFields) {
                s.execute("ALTER TABLE sa_user ADD COLUMN IF NOT EXISTS " + f.column() + " " + FieldColumns.sqlType(f));
            }
            for (AdditionalField f : sessionFields) {
                s.execute("ALTER TABLE sa_session ADD COLUMN IF NOT EXISTS " + f.column() + " " + FieldColumns.sqlType(f));
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable("add the columns of additional fields", e);
        }
    }

    /** The declared fields whose columns are missing, as "table.column", for {@code schema=validate}. */
    public static List<String> missingFieldColumns(DataSource dataSource, List<AdditionalField> userFields,
                                                   List<AdditionalField> sessionFields) {
        try (Connection c = dataSource.getConnection()) {
            List<String> missing = new ArrayList<>();
            missing.addAll(missing(c, "sa_user", userFields));
            missing.addAll(missing(c, "sa_session", sessionFields));
            return missing;
        } catch (SQLException e) {
            throw Jdbc.unavailable("read the table definitions", e);
        }
    }

    private static List<String> missing(Connection c, String table, List<AdditionalField> fields) throws SQLException {
        Set<String> columns = new HashSet<>();
        // Unquoted names are upper-cased by H2 and lower-cased by PostgreSQL: ask for both, compare ignoring case.
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getColumns(null, null, name, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return fields.stream().map(AdditionalField::column).filter(col -> !columns.contains(col))
                .map(col -> table + "." + col).toList();
    }

    /** The version the database is at, empty when SessionAuth's tables are not there. */
    public static Optional<Integer> version(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return readVersion(c);
        } catch (SQLException e) {
            // sa_meta is missing: no SessionAuth schema at all.
            return Optional.empty();
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> readVersion(Connection c) throws SQLException {
        return JdbcMetaStore.get(c, VERSION_KEY).map(Integer::parseInt);
    }

    private static void write(Connection c, String sql, String first, String second) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, first);
            ps.setString(2, second);
            ps.executeUpdate();
        }
    }
}
