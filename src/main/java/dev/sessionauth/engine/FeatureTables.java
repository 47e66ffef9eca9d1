package dev.sessionauth.engine;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.store.jdbc.Schema;
import javax.sql.DataSource;

/**
 * Prepares a started feature's tables as {@code schema} says: each migration run once under {@code auto}, each
 * checked under {@code validate}. Stores an app brings keep their own tables.
 */
final class FeatureTables {
    private FeatureTables() {
    }

    static void prepare(AuthConfig config, Stores stores, Feature feature) {
        if (stores.dataSource().isEmpty()) {
            return;
        }
        DataSource dataSource = stores.dataSource().get();
        for (Feature.Migration m : feature.migrations()) {
            switch (config.schema()) {
                case AUTO -> Schema.migrateFeature(dataSource, m.id(), m.statements());
                case VALIDATE -> {
                    if (!Schema.featureMigrated(dataSource, m.id())) {
                        throw new ConfigException("schema: validate found no tables of " + feature.name()
                                + " (migration " + m.id() + "); start once with schema=auto or apply it");
                    }
                }
                case NONE -> { }
            }
        }
    }
}
