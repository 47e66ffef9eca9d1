package dev.sessionauth.engine;

import dev.sessionauth.MailSender;
import dev.sessionauth.SessionListener;
import dev.sessionauth.VerificationSender;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.store.AttemptStore;
import dev.sessionauth.store.MetaStore;
import dev.sessionauth.store.SessionStore;
import dev.sessionauth.store.UserStore;
import dev.sessionauth.store.VerificationStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/** Builds a {@link SessionAuth} from settings given in code, over system properties and the environment. */
public final class SessionAuthBuilder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private AuthConfig config;
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private Properties systemProperties = System.getProperties();
    private Map<String, String> environment = System.getenv();
    private final List<SessionListener> listeners = new ArrayList<>();
    private VerificationSender verificationSender;
    private MailSender mailSender;
    private Stores given;
    private AttemptStore attempts;

    SessionAuthBuilder() {
    }

    /** A setting by its name (DESIGN.md section 3), e.g. {@code set("session.maxAge", "30d")}. */
    public SessionAuthBuilder set(String name, String value) {
        values.put(name, value);
        return this;
    }

    /** A configuration already read (the filter's, from init-params); replaces {@link #set} and the defaults' sources. */
    public SessionAuthBuilder config(AuthConfig config) {
        this.config = config;
        return this;
    }

    /** Sessions and users live here instead of where the settings point; the caller keeps ownership. */
    public SessionAuthBuilder dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    /**
     * Users, sessions and verification secrets live in these stores instead of SQL (the JDBC stores are the
     * default); {@code meta} keeps the generated secret when none is configured. The caller keeps ownership. The
     * in-memory set: {@code new MemoryStores(config.userFields(), config.sessionFields())}, which keeps the
     * declared additional fields as the database columns do ({@code new MemoryStores()} keeps none).
     */
    public SessionAuthBuilder stores(UserStore users, SessionStore sessions, VerificationStore verifications,
                                     MetaStore meta) {
        this.given = new Stores(users, sessions, verifications, null, meta, () -> { });
        return this;
    }

    /** Failed sign-ins are counted here (default: memory, or the database under {@code rateLimit.storage=database}). */
    public SessionAuthBuilder attemptStore(AttemptStore attempts) {
        this.attempts = attempts;
        return this;
    }

    /** Hears about sessions created, refreshed, revoked and expired; may be called more than once. */
    public SessionAuthBuilder listener(SessionListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Delivers e-mail verification links only (default: written to the log); {@link #mailSender} replaces it. */
    public SessionAuthBuilder verificationSender(VerificationSender sender) {
        this.verificationSender = sender;
        return this;
    }

    /** Delivers every message: verification, password reset, e-mail change, account deletion (default: the log). */
    public SessionAuthBuilder mailSender(MailSender sender) {
        this.mailSender = sender;
        return this;
    }

    /** The clock for every timestamp and expiry; tests move it. */
    public SessionAuthBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The system properties to read {@code sessionauth.*} settings from (default: the JVM's). */
    public SessionAuthBuilder systemProperties(Properties properties) {
        this.systemProperties = properties;
        return this;
    }

    /** The environment to read {@code SESSIONAUTH_*} settings from (default: the process's). */
    public SessionAuthBuilder environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /**
     * Validates the settings, opens the store, creates or migrates the tables.
     *
     * @throws ConfigException a setting is wrong
     * @throws ServiceUnavailableException the store cannot be reached
     */
    public SessionAuth build() {
        if (config != null && !values.isEmpty()) {
            throw new IllegalStateException("use either config(AuthConfig) or set(name, value), not both");
        }
        if (dataSource != null && given != null) {
            throw new IllegalStateException("use either dataSource(DataSource) or stores(...), not both");
        }
        AuthConfig c = config != null ? config : AuthConfig.load(new ArrayList<>(List.of(
                ConfigSource.of("builder setting", values),
                ConfigSource.systemProperties(systemProperties),
                ConfigSource.environment(environment))));
        List<SessionListener> allListeners = ConfiguredClasses.listeners(c, listeners);
        MailSender sender = ConfiguredClasses.mailSender(c, Optional.ofNullable(mailSender),
                Optional.ofNullable(verificationSender));
        Stores stores = StoreSetup.open(c, clock, Optional.ofNullable(dataSource), Optional.ofNullable(given),
                Optional.ofNullable(attempts));
        return StoreSetup.closedOnFailure(stores,
                () -> new SessionAuth(c, clock, stores, Parts.wire(c, clock, stores, allListeners, sender)));
    }
}
