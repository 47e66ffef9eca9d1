package dev.sessionauth.admin;

import dev.sessionauth.testing.SharedPostgres;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterAll;

/** Listing users with SQL on a real PostgreSQL: the same rules as on H2 and in memory. */
class ListUsersOnPostgresTest extends ListUsersContract {
    private TestServer server;

    @Override
    Admin admin() {
        if (server == null) {
            server = AdminKit.server().clock(clock)
                    .jdbcUrl(SharedPostgres.newDatabase("admin_list").jdbcUrl()).start();
        }
        return AdminKit.admin(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }
}
