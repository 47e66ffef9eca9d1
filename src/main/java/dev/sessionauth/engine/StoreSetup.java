package dev.sessionauth.engine;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.store.memory.MemoryAttemptStore;
import dev.sessionauth.spi.MetaStore;
import dev.sessionauth.store.jdbc.DataSources;
import dev.sessionauth.store.jdbc.JdbcAccountStore;
import dev.sessionauth.store.jdbc.JdbcAttemptStore;
import dev.sessionauth.store.jdbc.JdbcMetaStore;
import dev.sessionauth.store.jdbc.JdbcSessionStore;
import dev.sessionauth.store.jdbc.JdbcUserStore;
import dev.sessionauth.store.jdbc.JdbcVerificationStore;
import dev.sessionauth.store.jdbc.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the engine needs from storage before it starts: the JDBC stores (the default) over a pool it opens or a
 * data source it is given, with the tables created, migrated or validated as {@code schema} says; and the secrets
 * that sign cookies.
 */
final class StoreSetup {
    private static final System.Logger LOG = System.getLogger(StoreSetup.class.getName());
    private static final String SECRET_META = "secret";
    /** Accounts whose failed sign-ins are counted in memory at once: about an hour of bcrypt work at full speed. */
    private static final long MEMORY_ATTEMPT_KEYS = 100_000;

    private StoreSetup() {
    }

    /**
     * The stores the builder was given (attempts counted as {@link #attempts} says unless given too), else the JDBC
     * stores over a data source.
     */
    public static Stores open(AuthConfig config, Clock clock, Optional<DataSource> dataSource, Optional<Stores> given,
                              Optional<AttemptStore> attempts, String contextPath) {
        if (given.isEmpty()) {
            Stores jdbc = jdbc(config, clock, dataSource, contextPath);
            return attempts.map(jdbc::withAttempts).orElse(jdbc);
        }
        Stores s = given.get();
        if (attempts.isEmpty() && config.rateLimitStorage() == AuthConfig.RateLimitStorage.DATABASE) {
            throw new ConfigException("rateLimit.storage: database counts failed sign-ins in the SQL store, which is"
                    + " not in use with stores(...); pass an AttemptStore with attemptStore(...) or use memory");
        }
        return s.withAttempts(attempts.orElseGet(() -> attempts(config, clock, Optional.empty())));
    }

    /**
     * The JDBC stores over {@code given} (the caller keeps it) or over the pool the settings describe (closed with
     * the engine); the schema is prepared first. A failure closes what was opened.
     */
    private static Stores jdbc(AuthConfig config, Clock clock, Optional<DataSource> given, String contextPath) {
        if (given.isPresent()) {
            return jdbc(config, clock, given.get(), () -> { });
        }
        DataSources.Opened opened = DataSources.open(config, contextPath);
        try {
            return jdbc(config, clock, opened.dataSource(), opened.closer());
        } catch (RuntimeException e) {
            RuntimeException explained = DataSources.explainStartupFailure(config, contextPath, e);
            try {
                opened.closer().close();
            } catch (Exception suppressed) {
                explained.addSuppressed(suppressed);
            }
            throw explained;
        }
    }

    private static Stores jdbc(AuthConfig config, Clock clock, DataSource dataSource, AutoCloseable closer) {
        prepareSchema(config, dataSource);
        return new Stores(new JdbcUserStore(dataSource, config.userFields(), config.sessionFields()),
                new JdbcSessionStore(dataSource, config.userFields(), config.sessionFields()),
                new JdbcVerificationStore(dataSource), attempts(config, clock, Optional.of(dataSource)),
                new JdbcMetaStore(dataSource), closer, Optional.of(dataSource),
                Optional.of(new JdbcAccountStore(dataSource, config.userFields(), config.sessionFields())));
    }

    /** Builds what sits on {@code stores}; if that fails, what backs the stores is closed. */
    public static <T> T closedOnFailure(Stores stores, Supplier<T> build) {
        try {
            return build.get();
        } catch (RuntimeException e) {
            try {
                stores.closer().close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Where failed sign-ins are counted: memory, or the database under {@code rateLimit.storage=database}. */
    private static AttemptStore attempts(AuthConfig config, Clock clock, Optional<DataSource> dataSource) {
        return config.rateLimitStorage() == AuthConfig.RateLimitStorage.DATABASE && dataSource.isPresent()
                ? new JdbcAttemptStore(dataSource.get()) : new MemoryAttemptStore(clock, MEMORY_ATTEMPT_KEYS);
    }

    private static void prepareSchema(AuthConfig config, DataSource dataSource) {
        switch (config.schema()) {
            case AUTO -> {
                Schema.migrate(dataSource);
                Schema.addFieldColumns(dataSource, config.userFields(), config.sessionFields());
            }
            case VALIDATE -> {
                Optional<Integer> version = Schema.version(dataSource);
                if (version.isEmpty() || version.get() != Schema.CURRENT_VERSION) {
                    throw new ConfigException("schema: validate found " + version.map(v -> "schema version " + v)
                            .orElse("no SessionAuth tables") + ", this version needs " + Schema.CURRENT_VERSION
                            + "; start once with schema=auto or apply the migration");
                }
                List<String> missing = Schema.missingFieldColumns(dataSource, config.userFields(), config.sessionFields());
                if (!missing.isEmpty()) {
                    throw new ConfigException("schema: validate found no column for the declared fields "
                            + String.join(", ", missing) + "; start once with schema=auto or add the columns");
                }
            }
            case NONE -> { }
        }
    }

    /** The configured secrets, else one generated once and kept in the store (with a warning). */
    public static List<byte[]> secrets(AuthConfig config, MetaStore meta, TokenGenerator tokens) {
        List<String> configured = config.secrets();
        if (!configured.isEmpty()) {
            return configured.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        }
        LOG.log(System.Logger.Level.WARNING, "No secret configured: using one generated and kept in the database."
                + " Set the secret setting (SESSIONAUTH_SECRET) before going to production.");
        String generated = meta.putIfAbsent(SECRET_META, tokens.newToken());
        return List.of(generated.getBytes(StandardCharsets.UTF_8));
    }
}
