package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.User;
import dev.sessionauth.spi.NewSession;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * What only the tables can show about sign-up: a refused one leaves no row in any of them. The behaviour of the
 * store (also these refusals) is {@code dev.sessionauth.store.UserStoreContractTest}, run on every backend.
 */
class JdbcUserStoreTest {

    private final JdbcDataSource ds = migratedDatabase();
    private final JdbcUserStore users = new JdbcUserStore(ds);

    private void assertRows(int users, int accounts, int sessions) {
        assertThat(count(ds, "sa_user")).as("sa_user rows").isEqualTo(users);
        assertThat(count(ds, "sa_account")).as("sa_account rows").isEqualTo(accounts);
        assertThat(count(ds, "sa_session")).as("sa_session rows").isEqualTo(sessions);
    }

    @Test
    void aRefusedSignUpLeavesNoRowInAnyTable() {
        users.createWithSession(user("u-ann", "ann@example.com"), "h", newSession(session("s-ann", "u-ann", T0)));
        assertRows(1, 1, 1);
        User bob = user("u-bob", "bob@example.com");

        assertThatThrownBy(() -> users.createWithSession(user("u-other", "ann@example.com"), "h",
                newSession(session("s-other", "u-other", T0)))).isInstanceOf(RuntimeException.class);
        assertRows(1, 1, 1);
        assertThatThrownBy(() -> users.createWithSession(bob, "h",
                new NewSession(session("s-bob", "u-bob", T0), tokenHashOf("s-ann")))).isInstanceOf(RuntimeException.class);
        assertRows(1, 1, 1);
        assertThatThrownBy(() -> users.createWithSession(bob, "h", newSession(session("s-bob", "u-nobody", T0))))
                .isInstanceOf(RuntimeException.class);
        assertRows(1, 1, 1);
    }
}
