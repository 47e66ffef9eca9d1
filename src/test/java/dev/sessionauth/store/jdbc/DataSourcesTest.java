package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.T0;
import static dev.sessionauth.store.jdbc.StoreFixtures.newSession;
import static dev.sessionauth.store.jdbc.StoreFixtures.session;
import static dev.sessionauth.store.jdbc.StoreFixtures.tokenHashOf;
import static dev.sessionauth.store.jdbc.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.DelegatingStatement;
import org.junit.jupiter.api.Test;

/**
 * The pool {@link DataSources} builds: statements come from the driver itself (dbcp2's statement wrappers are
 * finalizable garbage at request rates), and connections go back to the pool in a state the next borrower can use,
 * on H2 and on a real PostgreSQL.
 */
class DataSourcesTest {
    private static DataSources.Opened open(Map<String, String> settings) {
        return DataSources.open(AuthConfig.load(List.of(ConfigSource.of("test", settings))));
    }

    @Test
    void statementsComeFromTheDriverNotFromFinalizableWrappers() throws Exception {
        DataSources.Opened opened = open(Map.of("jdbc.url", "jdbc:h2:mem:pool-" + UUID.randomUUID()));
        try (Connection c = opened.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
            assertThat(ps).isNotInstanceOf(DelegatingStatement.class);
            assertThat(ps.getClass().getName()).startsWith("org.h2.");
            ps.setInt(1, 41);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        } finally {
            opened.closer().close();
        }
    }

    @Test
    void aClosedConnectionRefusesNewStatementsAndGoesBackToThePool() throws Exception {
        DataSources.Opened opened = open(Map.of("jdbc.url", "jdbc:h2:mem:pool-" + UUID.randomUUID(),
                "jdbc.maxPoolSize", "2"));
        BasicDataSource pool = (BasicDataSource) opened.dataSource();
        try {
            Connection c = opened.dataSource().getConnection();
            c.close();
            assertThat(c.isClosed()).isTrue();
            assertThatThrownBy(() -> c.prepareStatement("SELECT 1"))
                    .isInstanceOf(SQLException.class);
            // Far more borrows than connections: each one must have come back.
            for (int i = 0; i < 500; i++) {
                try (Connection again = opened.dataSource().getConnection();
                     PreparedStatement ps = again.prepareStatement("SELECT ?")) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(i);
                    }
                }
            }
            assertThat(pool.getNumActive()).isZero();
            assertThat(pool.getNumIdle()).isBetween(1, 2);
        } finally {
            opened.closer().close();
        }
    }

    @Test
    void sessionsResolveThroughThePoolOnPostgresqlOncePgjdbcPreparesOnTheServer() throws Exception {
        SharedPostgres.Database database = SharedPostgres.newDatabase("pool");
        DataSources.Opened opened = open(Map.of(
                "jdbc.url", "jdbc:postgresql://localhost:" + database.port() + "/" + database.name(),
                "jdbc.user", "postgres", "jdbc.maxPoolSize", "2"));
        try {
            Schema.migrate(opened.dataSource());
            JdbcUserStore users = new JdbcUserStore(opened.dataSource());
            JdbcSessionStore sessions = new JdbcSessionStore(opened.dataSource());
            users.createWithSession(user("u1", "ann@example.com"), "hash", newSession(session("s1", "u1", T0)));
            // pgjdbc switches a statement to a server-side prepared one after five runs on a connection: go
            // well past that, across both pooled connections, and through a statement that fails.
            for (int i = 0; i < 40; i++) {
                assertThat(sessions.findByTokenHash(tokenHashOf("s1"))).get()
                        .satisfies(found -> assertThat(found.user().getId()).isEqualTo("u1"));
                assertThat(sessions.findByTokenHash(tokenHashOf("nobody"))).isEmpty();
            }
            try (Connection c = opened.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT 1 / ?")) {
                ps.setInt(1, 0);
                assertThatThrownBy(ps::executeQuery)
                        .isInstanceOf(SQLException.class);
            }
            assertThat(sessions.findByTokenHash(tokenHashOf("s1"))).isPresent();
        } finally {
            opened.closer().close();
        }
    }
}
