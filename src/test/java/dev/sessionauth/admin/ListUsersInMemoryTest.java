package dev.sessionauth.admin;

import dev.sessionauth.SessionAuth;
import dev.sessionauth.store.memory.MemoryStores;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;

/** Listing the users of the in-memory store: the same rules as with SQL. */
class ListUsersInMemoryTest extends ListUsersContract {
    private SessionAuth auth;

    @Override
    Admin admin() {
        if (auth == null) {
            MemoryStores stores = new MemoryStores(AdminFields.userFields("user"), AdminFields.sessionFields());
            auth = SessionAuth.builder().clock(clock).systemProperties(new Properties()).environment(Map.of())
                    .set("secret", "admin-memory-secret-0123456789abcdefghij").set("admin.enabled", "true")
                    .stores(stores.users(), stores.sessions(), stores.verifications(), stores.meta()).build();
        }
        return Admin.of(auth);
    }

    @AfterAll
    void stop() {
        auth.close();
    }
}
