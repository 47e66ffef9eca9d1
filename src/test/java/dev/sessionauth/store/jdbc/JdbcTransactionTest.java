package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.count;
import static dev.sessionauth.store.jdbc.StoreFixtures.emptyDatabase;
import static dev.sessionauth.store.jdbc.StoreFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** {@link Jdbc#inTransaction}: all of the work or none of it, on a real H2 connection. */
class JdbcTransactionTest {
    private final JdbcDataSource ds = emptyDatabase();

    JdbcTransactionTest() {
        execute(ds, "CREATE TABLE t (n INTEGER PRIMARY KEY)");
    }

    private static void insert(Connection c, int n) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t (n) VALUES (" + n + ")");
        }
    }

    @Test
    void workThatReturnsIsCommittedAndAutoCommitIsRestored() throws SQLException {
        try (Connection c = ds.getConnection()) {
            Jdbc.inTransaction(c, tx -> {
                insert(tx, 1);
                insert(tx, 2);
            });
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(count(ds, "t")).isEqualTo(2);
    }

    @Test
    void aFailingStatementRollsBackTheStatementsBeforeIt() throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThatThrownBy(() -> Jdbc.inTransaction(c, tx -> {
                insert(tx, 1);
                insert(tx, 1);
            })).isInstanceOf(SQLException.class).hasMessageContaining("PRIMARY KEY");
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(count(ds, "t")).isZero();
    }

    @Test
    void anErrorRollsBackTooRatherThanBeingCommittedWhenAutoCommitIsRestored() throws SQLException {
        try (Connection c = ds.getConnection()) {
            // Switching auto-commit back on commits an open transaction: the work must be rolled back first.
            assertThatThrownBy(() -> Jdbc.inTransaction(c, tx -> {
                insert(tx, 1);
                throw new LinkageError("thrown by the work");
            })).isInstanceOf(LinkageError.class);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(count(ds, "t")).isZero();
    }

    @Test
    void aConnectionLeftWithoutAutoCommitIsLeftThatWay() throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            Jdbc.inTransaction(c, tx -> insert(tx, 1));
            assertThat(c.getAutoCommit()).isFalse();
        }
        assertThat(count(ds, "t")).isEqualTo(1);
    }
}
