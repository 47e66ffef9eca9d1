package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Schema version 2: sessions and users keyed by integers, and databases of version 1 upgraded with their rows. */
class Version2MigrationTest {
    private static final String V1_SESSION = """
            INSERT INTO sa_session (id, token_hash, user_id, expires_at, absolute_expires_at, created_at, updated_at,
                                    ip_address, user_agent, remember)
            VALUES ('%s', '%s', '%s', TIMESTAMP WITH TIME ZONE '2030-01-08 10:00:00Z',
                    TIMESTAMP WITH TIME ZONE '2030-01-31 10:00:00Z', TIMESTAMP WITH TIME ZONE '2030-01-01 10:00:00Z',
                    TIMESTAMP WITH TIME ZONE '2030-01-01 10:00:00Z', NULL, NULL, TRUE)""";

    @Test
    void resolvingASessionReadsBothRowsByTheirIntegerPrimaryKeys() throws SQLException {
        JdbcDataSource ds = migratedDatabase();
        assertReadsByPrimaryKeys(ds);
        assertThat(primaryKeyColumn(ds, "SA_SESSION")).isEqualTo("LOOKUP_KEY");
        assertThat(primaryKeyColumn(ds, "SA_USER")).isEqualTo("ROW_KEY");
    }

    /** The store's own lookup statement: H2 names each primary-key index PRIMARY_KEY_<n> in the plan. */
    private static void assertReadsByPrimaryKeys(DataSource ds) throws SQLException {
        String plan = explain(ds, new JdbcSessionStore(ds).findByTokenHashSql()
                .replace("?", "1"));
        assertThat(plan).containsPattern("PRIMARY_KEY_\\w*: LOOKUP_KEY = ")
                .containsPattern("PRIMARY_KEY_\\w*: ROW_KEY = S.USER_KEY");
    }

    @Test
    void theLookupKeyIsTheFirstEightBytesOfTheTokenHash() {
        byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (0xF0 + i);
        }
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);

        assertThat(TokenHasher.lookupKey(hash)).isEqualTo(0xF0F1F2F3F4F5F6F7L);
        assertThat(TokenHasher.isHash(hash)).isTrue();
        assertThat(TokenHasher.isHash("short")).isFalse();
        assertThat(TokenHasher.isHash(hash.substring(0, 42) + "=")).isFalse();
        assertThatThrownBy(() -> TokenHasher.lookupKey("no!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHashSharingTheFirst64BitsOfAnotherFindsNothingAndCannotBeStoredBesideIt() {
        JdbcDataSource ds = migratedDatabase();
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));
        String stored = tokenHashOf("s1");
        String twin = stored.substring(0, 11) + (stored.charAt(11) == 'A' ? 'B' : 'A') + stored.substring(12);
        assertThat(TokenHasher.lookupKey(twin)).isEqualTo(TokenHasher.lookupKey(stored));
        JdbcSessionStore sessions = new JdbcSessionStore(ds);

        assertThat(sessions.findByTokenHash(twin)).isEmpty();
        assertThat(sessions.findByTokenHash(stored)).isPresent();
        assertThatThrownBy(() -> sessions.create(new NewSession(session("s2", "u1", T0), twin)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(count(ds, "sa_session")).isEqualTo(1);
        assertThat(sessions.findByTokenHash(stored).orElseThrow().session().getId()).isEqualTo("s1");
    }

    @Test
    void somethingThatIsNotAHashFindsNothing() {
        JdbcDataSource ds = migratedDatabase();
        assertThat(new JdbcSessionStore(ds).findByTokenHash("")).isEmpty();
        assertThat(new JdbcSessionStore(ds).findByTokenHash("not a hash at all, not even the right length")).isEmpty();
    }

    @Test
    void sessionIdsStayUnique() {
        JdbcDataSource ds = migratedDatabase();
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));

        assertThatThrownBy(() -> new JdbcSessionStore(ds).create(new NewSession(session("s1", "u1", T0),
                tokenHashOf("another")))).isInstanceOf(StoreUnavailableException.class);
        assertThat(count(ds, "sa_session")).isEqualTo(1);
    }

    @Test
    void aVersionOneDatabaseIsUpgradedWithItsUsersAccountsAndSessions() throws SQLException {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrateTo(ds, 1);
        JdbcUserStore v1Users = new JdbcUserStore(ds);
        for (int i = 1; i <= 3; i++) {
            // Version 1's own columns: written as that version's code wrote them.
            execute(ds, "INSERT INTO sa_user (id, name, email, email_verified, image, created_at, updated_at)"
                    + " VALUES ('u" + i + "', 'User " + i + "', 'u" + i + "@example.com', FALSE, NULL,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            execute(ds, "INSERT INTO sa_account (id, user_id, provider_id, account_id, password_hash, created_at,"
                    + " updated_at) VALUES ('a" + i + "', 'u" + i + "', 'credential', 'u" + i + "', 'bcrypt-of-" + i
                    + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        for (int i = 1; i <= 2500; i++) {
            execute(ds, V1_SESSION.formatted("s" + i, tokenHashOf("s" + i), "u" + (1 + i % 3)));
        }
        assertThat(Schema.version(ds)).contains(1);

        Schema.migrate(ds);

        assertThat(Schema.version(ds)).contains(Schema.CURRENT_VERSION);
        assertThat(primaryKeyColumn(ds, "SA_SESSION")).isEqualTo("LOOKUP_KEY");
        assertThat(primaryKeyColumn(ds, "SA_USER")).isEqualTo("ROW_KEY");
        assertReadsByPrimaryKeys(ds);
        JdbcSessionStore sessions = new JdbcSessionStore(ds);
        for (int i : new int[] {1, 999, 1000, 1001, 2500}) {
            var found = sessions.findByTokenHash(tokenHashOf("s" + i)).orElseThrow();
            assertThat(found.session().getId()).isEqualTo("s" + i);
            assertThat(found.user().getId()).isEqualTo("u" + (1 + i % 3));
            assertThat(found.user().getEmail()).isEqualTo("u" + (1 + i % 3) + "@example.com");
        }
        assertThat(v1Users.findCredentials("u2@example.com").orElseThrow().passwordHash()).isEqualTo("bcrypt-of-2");

        // New rows after the upgrade: the generated user keys continue past the old ones.
        v1Users.createWithSession(user("u4", "u4@example.com"), "hash", newSession(session("new", "u4", T0)));
        assertThat(sessions.findByTokenHash(tokenHashOf("new")).orElseThrow().user().getId()).isEqualTo("u4");
        assertThat(distinct(ds, "SELECT COUNT(DISTINCT row_key) FROM sa_user")).isEqualTo(4);

        // The constraints that version 1 had still hold.
        assertThatThrownBy(() -> v1Users.create(user("u5", "u1@example.com"), "hash", Optional.empty()))
                .isInstanceOf(DuplicateEmailException.class);
        assertThatThrownBy(() -> execute(ds, "INSERT INTO sa_user (id, name, email, email_verified, created_at,"
                + " updated_at) VALUES ('u1', 'x', 'other@example.com', FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
                .hasMessageContaining("23505");
        execute(ds, "DELETE FROM sa_user WHERE id = 'u2'");
        assertThat(distinct(ds, "SELECT COUNT(*) FROM sa_session WHERE user_id = 'u2'")).isZero();
        assertThat(distinct(ds, "SELECT COUNT(*) FROM sa_account WHERE user_id = 'u2'")).isZero();
        assertThat(count(ds, "sa_session")).isEqualTo(2500 - 834 + 1);

        Schema.migrate(ds);
        assertThat(sessions.findByTokenHash(tokenHashOf("s2"))).isPresent();
    }

    /** H2 commits each DDL statement on its own: a start that died half-way is finished by the next one. */
    @Test
    void anUpgradeThatStoppedHalfWayIsFinishedByTheNextStart() throws SQLException {
        JdbcDataSource ds = versionOneWithRows();
        // What a run that died right after moving sa_user's primary key (and dropping sa_session's) leaves behind.
        execute(ds, "ALTER TABLE sa_user ADD COLUMN row_key BIGINT GENERATED BY DEFAULT AS IDENTITY");
        for (String[] fk : foreignKeys(ds)) {
            execute(ds, "ALTER TABLE " + fk[0] + " DROP CONSTRAINT " + fk[1]);
        }
        execute(ds, "ALTER TABLE sa_user DROP CONSTRAINT " + primaryKeyName(ds, "SA_USER"));
        execute(ds, "ALTER TABLE sa_user ADD CONSTRAINT sa_user_pk PRIMARY KEY (row_key)");
        execute(ds, "ALTER TABLE sa_session DROP CONSTRAINT " + primaryKeyName(ds, "SA_SESSION"));
        assertThat(Schema.version(ds)).contains(1);

        Schema.migrate(ds);

        assertUpgraded(ds);
    }

    @Test
    void anAppTableThatReferencesUsersKeepsItsForeignKeyAndItsRule() throws SQLException {
        JdbcDataSource ds = versionOneWithRows();
        execute(ds, "CREATE TABLE app_note (id INT PRIMARY KEY, owner VARCHAR(64)"
                + " CONSTRAINT app_note_owner_fk REFERENCES sa_user (id) ON DELETE SET NULL)");
        execute(ds, "INSERT INTO app_note VALUES (1, 'u3')");

        Schema.migrate(ds);

        assertUpgraded(ds);
        assertThat(foreignKeys(ds)).anyMatch(fk -> fk[0].equals("APP_NOTE") && fk[1].equals("APP_NOTE_OWNER_FK"));
        assertThatThrownBy(() -> execute(ds, "INSERT INTO app_note VALUES (2, 'nobody')")).hasMessageContaining("23506");
        execute(ds, "DELETE FROM sa_user WHERE id = 'u3'");
        assertThat(distinct(ds, "SELECT COUNT(*) FROM app_note WHERE owner IS NULL")).isEqualTo(1);
    }

    /** Three users with accounts and 1,500 sessions written the way version 1 wrote them. */
    private static JdbcDataSource versionOneWithRows() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrateTo(ds, 1);
        for (int i = 1; i <= 3; i++) {
            execute(ds, "INSERT INTO sa_user (id, name, email, email_verified, image, created_at, updated_at)"
                    + " VALUES ('u" + i + "', 'User " + i + "', 'u" + i + "@example.com', FALSE, NULL,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            execute(ds, "INSERT INTO sa_account (id, user_id, provider_id, account_id, password_hash, created_at,"
                    + " updated_at) VALUES ('a" + i + "', 'u" + i + "', 'credential', 'u" + i + "', 'h',"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        for (int i = 1; i <= 1500; i++) {
            execute(ds, V1_SESSION.formatted("s" + i, tokenHashOf("s" + i), "u" + (1 + i % 3)));
        }
        return ds;
    }

    /** The end state of any upgrade of {@link #versionOneWithRows()}: keys, uniqueness, cascades, all sessions. */
    private static void assertUpgraded(JdbcDataSource ds) throws SQLException {
        assertThat(Schema.version(ds)).contains(Schema.CURRENT_VERSION);
        assertReadsByPrimaryKeys(ds);
        JdbcSessionStore sessions = new JdbcSessionStore(ds);
        for (int i : new int[] {1, 2, 3, 999, 1000, 1001, 1500}) {
            assertThat(sessions.findByTokenHash(tokenHashOf("s" + i)).orElseThrow().user().getId())
                    .isEqualTo("u" + (1 + i % 3));
        }
        assertThatThrownBy(() -> execute(ds, "INSERT INTO sa_user (id, name, email, email_verified, created_at,"
                + " updated_at) VALUES ('u1', 'x', 'other@example.com', FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
                .hasMessageContaining("23505");
        assertThatThrownBy(() -> execute(ds, V1_SESSION.formatted("s1", tokenHashOf("other"), "u1")))
                .hasMessageContaining("23");
        execute(ds, "DELETE FROM sa_user WHERE id = 'u1'");
        assertThat(distinct(ds, "SELECT COUNT(*) FROM sa_session WHERE user_id = 'u1'")).isZero();
        assertThat(distinct(ds, "SELECT COUNT(*) FROM sa_account WHERE user_id = 'u1'")).isZero();
        assertThat(foreignKeys(ds)).anyMatch(fk -> fk[0].equals("SA_ACCOUNT"))
                .anyMatch(fk -> fk[0].equals("SA_SESSION"));
    }

    /** (referencing table, constraint name) of every foreign key onto sa_user. */
    private static List<String[]> foreignKeys(DataSource ds) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getExportedKeys(null, null, "SA_USER")) {
            while (rs.next()) {
                keys.add(new String[] {rs.getString("FKTABLE_NAME"), rs.getString("FK_NAME")});
            }
        }
        return keys;
    }

    private static String primaryKeyName(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, table)) {
            rs.next();
            return rs.getString("PK_NAME");
        }
    }

    @Test
    void anUpgradeStopsWithTheRowWhoseTokenHashIsNotAHash() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrateTo(ds, 1);
        execute(ds, "INSERT INTO sa_user (id, name, email, email_verified, image, created_at, updated_at)"
                + " VALUES ('u1', 'User', 'u1@example.com', FALSE, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        execute(ds, V1_SESSION.formatted("bad-row", "not*base64", "u1"));

        assertThatThrownBy(() -> Schema.migrate(ds))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("bad-row").hasMessageContaining("delete that row");
        assertThat(Schema.version(ds)).contains(1);
    }

    private static String explain(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String primaryKeyColumn(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, table)) {
            rs.next();
            return rs.getString("COLUMN_NAME");
        }
    }

    private static int distinct(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
