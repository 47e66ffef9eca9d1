package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.NoSuchUserException;
import dev.sessionauth.spi.StoreUnavailableException;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void aDatabaseWithoutOurTablesHasNoVersion() {
        assertThat(Schema.version(emptyDatabase())).isEmpty();
    }

    @Test
    void migrateCreatesEveryTableAndRecordsTheCurrentVersion() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrate(ds);

        assertThat(Schema.version(ds)).contains(5).contains(Schema.CURRENT_VERSION);
        for (String table : new String[] {"sa_user", "sa_account", "sa_session", "sa_verification", "sa_meta",
                "sa_rate_limit", "sa_revocation"}) {
            assertThat(count(ds, table)).as(table).isGreaterThanOrEqualTo(0);
        }
        assertThat(count(ds, "sa_user")).isZero();
        assertThat(count(ds, "sa_session")).isZero();
    }

    @Test
    void migratingTwiceIsHarmlessAndKeepsTheData() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrate(ds);
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));

        Schema.migrate(ds);

        assertThat(Schema.version(ds)).isEqualTo(Optional.of(Schema.CURRENT_VERSION));
        assertThat(count(ds, "sa_meta")).isEqualTo(1);
        assertThat(count(ds, "sa_user")).isEqualTo(1);
        assertThat(count(ds, "sa_session")).isEqualTo(1);
    }

    @Test
    void theVersionIsKeptInSaMeta() {
        JdbcDataSource ds = migratedDatabase();
        assertThat(new JdbcMetaStore(ds).get("schema_version")).contains(String.valueOf(Schema.CURRENT_VERSION));
    }

    @Test
    void aVersionTwoDatabaseGetsTheRateLimitTableAndKeepsItsRows() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrateTo(ds, 2);
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));
        assertThatThrownBy(() -> count(ds, "sa_rate_limit")).isInstanceOf(IllegalStateException.class);

        Schema.migrate(ds);

        assertThat(Schema.version(ds)).contains(Schema.CURRENT_VERSION);
        assertThat(count(ds, "sa_rate_limit")).isZero();
        assertThat(count(ds, "sa_user")).isEqualTo(1);
        assertThat(new JdbcSessionStore(ds).findByTokenHash(tokenHashOf("s1"))).isPresent();
    }

    @Test
    void aVersionThreeDatabaseGetsTheRevocationLogAndKeepsItsRows() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrateTo(ds, 3);
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));
        assertThatThrownBy(() -> count(ds, "sa_revocation")).isInstanceOf(IllegalStateException.class);

        Schema.migrate(ds);

        assertThat(Schema.version(ds)).contains(Schema.CURRENT_VERSION);
        assertThat(count(ds, "sa_revocation")).isZero();
        assertThat(new JdbcSessionStore(ds).findByTokenHash(tokenHashOf("s1"))).isPresent();
    }

    @Test
    void aVersionFourDatabaseKeepsItsPasswordsAndTakesProviderAccounts() {
        JdbcDataSource ds = emptyDatabase();
        Schema.migrateTo(ds, 4);
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));

        Schema.migrate(ds);

        assertThat(Schema.version(ds)).contains(5);
        assertThat(new JdbcUserStore(ds).findCredentialsById("u1")).map(Credentials::passwordHash).contains("hash");
        JdbcAccountStore accounts = new JdbcAccountStore(ds, List.of(), List.of());
        accounts.link(new LinkedAccount("a1", "u1", "google", "sub-1",
                Optional.of("https://accounts.google.com"), List.of("openid", "email"), T0, T0));
        assertThat(accounts.find("google", "sub-1")).map(LinkedAccount::userId).contains("u1");
        assertThat(accounts.listOf("u1")).extracting(LinkedAccount::providerId).containsExactly("google");
    }

    @Test
    void tokenHashesAreUnique() {
        JdbcDataSource ds = migratedDatabase();
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));
        JdbcSessionStore sessions = new JdbcSessionStore(ds);

        assertThatThrownBy(() -> sessions.create(new NewSession(session("s2", "u1", T0),
                tokenHashOf("s1")))).isInstanceOf(StoreUnavailableException.class);
        assertThat(count(ds, "sa_session")).isEqualTo(1);
    }

    @Test
    void deletingAUserCascadesToTheirAccountAndSessions() {
        JdbcDataSource ds = migratedDatabase();
        new JdbcUserStore(ds).createWithSession(user("u1", "ann@example.com"), "hash",
                newSession(session("s1", "u1", T0)));
        new JdbcSessionStore(ds).create(newSession(session("s2", "u1", T0)));

        execute(ds, "DELETE FROM sa_user WHERE id = 'u1'");

        assertThat(count(ds, "sa_account")).isZero();
        assertThat(count(ds, "sa_session")).isZero();
    }

    @Test
    void aSessionOfAnUnknownUserIsRefused() {
        JdbcDataSource ds = migratedDatabase();
        assertThatThrownBy(() -> new JdbcSessionStore(ds).create(newSession(session("s1", "nobody", T0))))
                .isInstanceOf(NoSuchUserException.class);
    }
}
