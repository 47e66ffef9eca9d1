package dev.sessionauth.store;

import dev.sessionauth.spi.MetaStore;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.store.jdbc.JdbcMetaStore;
import dev.sessionauth.store.jdbc.JdbcSessionStore;
import dev.sessionauth.store.jdbc.JdbcUserStore;
import dev.sessionauth.store.jdbc.JdbcVerificationStore;
import dev.sessionauth.store.jdbc.Schema;
import dev.sessionauth.store.jdbc.StoreFixtures;
import dev.sessionauth.store.memory.MemoryStores;
import dev.sessionauth.testing.SharedPostgres;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The stores the contracts run against: in memory, H2 and PostgreSQL (a fresh database per test on the JVM's one
 * embedded server).
 */
enum StoreBackend {
    MEMORY, H2, POSTGRESQL;

    /** One backend's four stores over one fresh, empty place; {@code anotherMeta} is a second instance's view. */
    record Stores(UserStore users, SessionStore sessions, VerificationStore verifications, MetaStore meta,
                  Supplier<MetaStore> anotherMeta) {
    }

    Stores open(List<AdditionalField> userFields, List<AdditionalField> sessionFields)
            throws SQLException {
        if (this == MEMORY) {
            MemoryStores memory = new MemoryStores(userFields, sessionFields);
            return new Stores(memory.users(), memory.sessions(), memory.verifications(), memory.meta(), memory::meta);
        }
        DataSource ds = this == H2 ? StoreFixtures.emptyDatabase() : SharedPostgres.newDatabase("contract").dataSource();
        Schema.migrate(ds);
        Schema.addFieldColumns(ds, userFields, sessionFields);
        return new Stores(new JdbcUserStore(ds, userFields, sessionFields),
                new JdbcSessionStore(ds, userFields, sessionFields), new JdbcVerificationStore(ds),
                new JdbcMetaStore(ds), () -> new JdbcMetaStore(ds));
    }
}
