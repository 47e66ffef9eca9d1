package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.T0;
import static dev.sessionauth.store.jdbc.StoreFixtures.newSession;
import static dev.sessionauth.store.jdbc.StoreFixtures.session;
import static dev.sessionauth.store.jdbc.StoreFixtures.tokenHashOf;
import static dev.sessionauth.store.jdbc.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.NoSuchUserException;
import dev.sessionauth.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schema and its migrations on a real PostgreSQL: the DDL is written once for H2 and PostgreSQL alike. */
class PostgresSchemaTest {

    private static DataSource newDatabase() {
        return SharedPostgres.newDatabase("schema").dataSource();
    }

    @Test
    void aFreshDatabaseGetsTheCurrentSchemaWithItsConstraints() throws SQLException {
        DataSource ds = newDatabase();
        Schema.migrate(ds);

        assertThat(Schema.version(ds)).contains(Schema.CURRENT_VERSION);
        assertThat(constraints(ds)).contains("sa_user p sa_user_pk", "sa_user u sa_user_id_uq",
                "sa_user u sa_user_email_uq", "sa_session p sa_session_pk", "sa_session u sa_session_id_uq",
                "sa_rate_limit p sa_rate_limit_pkey")
                .anyMatch(c -> c.startsWith("sa_session f ")).anyMatch(c -> c.startsWith("sa_account f "));
        JdbcUserStore users = new JdbcUserStore(ds);
        JdbcSessionStore sessions = new JdbcSessionStore(ds);
        users.createWithSession(user("u1", "ann@example.com"), "hash", newSession(session("s1", "u1", T0)));

        assertThat(sessions.findByTokenHash(tokenHashOf("s1")).orElseThrow().user().getEmail())
                .isEqualTo("ann@example.com");
        assertThatThrownBy(() -> sessions.create(newSession(session("s2", "nobody", T0))))
                .isInstanceOf(NoSuchUserException.class);
        assertThatThrownBy(() -> users.create(user("u2", "ann@example.com"), "hash", Optional.empty()))
                .isInstanceOf(DuplicateEmailException.class);

        Schema.migrate(ds);
        assertThat(sessions.findByTokenHash(tokenHashOf("s1"))).isPresent();
    }

    @Test
    void aVersionOneDatabaseIsUpgradedWithItsRows() throws SQLException {
        DataSource ds = newDatabase();
        Schema.migrateTo(ds, 1);
        for (int i = 1; i <= 3; i++) {
            execute(ds, "INSERT INTO sa_user (id, name, email, email_verified, image, created_at, updated_at)"
                    + " VALUES ('u" + i + "', 'User', 'u" + i + "@example.com', FALSE, NULL, now(), now())");
            execute(ds, "INSERT INTO sa_account (id, user_id, provider_id, account_id, password_hash, created_at,"
                    + " updated_at) VALUES ('a" + i + "', 'u" + i + "', 'credential', 'u" + i + "', 'h', now(), now())");
        }
        // More rows than one batch of the lookup-key backfill (1,000).
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (int i = 1; i <= 1200; i++) {
                st.execute("INSERT INTO sa_session (id, token_hash, user_id, expires_at, absolute_expires_at,"
                        + " created_at, updated_at, remember) VALUES ('s" + i + "', '" + tokenHashOf("s" + i) + "', 'u"
                        + (1 + i % 3) + "', now() + interval '7 days', now() + interval '30 days', now(), now(), TRUE)");
            }
        }
        Schema.migrate(ds);

        assertThat(Schema.version(ds)).contains(Schema.CURRENT_VERSION);
        JdbcSessionStore sessions = new JdbcSessionStore(ds);
        for (int i : new int[] {1, 2, 3, 500, 999, 1000, 1001, 1199, 1200}) {
            assertThat(sessions.findByTokenHash(tokenHashOf("s" + i)).orElseThrow().user().getId())
                    .isEqualTo("u" + (1 + i % 3));
        }
        new JdbcUserStore(ds).createWithSession(user("u4", "u4@example.com"), "hash",
                newSession(session("new", "u4", T0)));
        assertThat(sessions.findByTokenHash(tokenHashOf("new")).orElseThrow().user().getId()).isEqualTo("u4");
        execute(ds, "DELETE FROM sa_user WHERE id = 'u2'");
        assertThat(count(ds, "SELECT COUNT(*) FROM sa_session WHERE user_id = 'u2'")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM sa_account WHERE user_id = 'u2'")).isZero();
        assertThat(count(ds, "SELECT COUNT(DISTINCT row_key) FROM sa_user")).isEqualTo(3);
        assertThat(constraints(ds)).contains("sa_session p sa_session_pk", "sa_user p sa_user_pk")
                .anyMatch(c -> c.startsWith("sa_session f ")).anyMatch(c -> c.startsWith("sa_account f "));
    }

    private static List<String> constraints(DataSource ds) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT conrelid::regclass::text, contype, conname FROM pg_constraint"
                     + " WHERE conrelid::regclass::text LIKE 'sa\\_%'")) {
            while (rs.next()) {
                found.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return found;
    }

    private static int count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
