package dev.sessionauth;

import dev.sessionauth.engine.EngineFactory;
import dev.sessionauth.engine.Features;
import dev.sessionauth.spi.MailSender;
import dev.sessionauth.SessionListener;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.spi.AccountStore;
import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.MetaStore;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Builds a {@link SessionAuth} from settings given in code, over system properties and the environment:
 * {@code SessionAuth.builder().set("session.maxAge", "30d").mailSender(mailer).build()}.
 */
public final class SessionAuthBuilder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private Properties systemProperties = System.getProperties();
    private Map<String, String> environment = System.getenv();
    private final List<SessionListener> listeners = new ArrayList<>();
    private VerificationSender verificationSender;
    private MailSender mailSender;
    private EngineFactory.GivenStores given;
    private AttemptStore attempts;
    private AccountStore accounts;
    private String contextPath = "";

    SessionAuthBuilder() {
    }

    /** A setting by its name (see docs/configuration.md), e.g. {@code set("session.maxAge", "30d")}. */
    public SessionAuthBuilder set(String name, String value) {
        values.put(name, value);
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
     * in-memory set is {@code dev.sessionauth.store.memory.MemoryStores}.
     */
    public SessionAuthBuilder stores(UserStore users, SessionStore sessions, VerificationStore verifications,
                                     MetaStore meta) {
        this.given = new EngineFactory.GivenStores(users, sessions, verifications, meta, Optional.empty());
        return this;
    }

    /**
     * With {@link #stores}: where provider accounts (sign-in with an identity provider) live, beside those users
     * ({@code MemoryStores.accounts()} for the in-memory set). Without it, such ways in are not available.
     */
    public SessionAuthBuilder accountStore(AccountStore accounts) {
        this.accounts = accounts;
        return this;
    }

    /** Failed sign-ins are counted here (default: memory, or the database under {@code rateLimit.storage=database}). */
    public SessionAuthBuilder attemptStore(AttemptStore attempts) {
        this.attempts = attempts;
        return this;
    }

    /**
     * The context path of the app this instance serves ({@code ""} for the root app; the filter declared in web.xml
     * passes its own): it names the default H2 file ({@code ./data/sessionauth-<context>}) so that two apps in one
     * container never open the same one.
     */
    public SessionAuthBuilder contextPath(String contextPath) {
        this.contextPath = contextPath == null ? "" : contextPath;
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
     * @throws IllegalArgumentException a setting is wrong; the message names it and the fix
     * @throws IllegalStateException the store cannot be reached (or both {@link #dataSource} and {@link #stores})
     */
    public SessionAuth build() {
        AuthConfig config = Features.config(List.of(
                ConfigSource.of("builder setting", values),
                ConfigSource.systemProperties(systemProperties),
                ConfigSource.environment(environment)));
        return EngineFactory.start(config, new EngineFactory.Wiring(clock, Optional.ofNullable(dataSource),
                Optional.ofNullable(given).map(g -> new EngineFactory.GivenStores(g.users(), g.sessions(),
                        g.verifications(), g.meta(), Optional.ofNullable(accounts))),
                Optional.ofNullable(attempts), contextPath, List.copyOf(listeners),
                Optional.ofNullable(mailSender), Optional.ofNullable(verificationSender), Features.all()));
    }
}
