package dev.sessionauth.engine;

import dev.sessionauth.SessionListener;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.spi.AccountStore;
import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.MailSender;
import dev.sessionauth.spi.MetaStore;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.spi.VerificationStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Starts an {@link Engine} from a validated configuration: opens (or takes) the stores, prepares the schema, reads the
 * secrets and wires the parts. The one way in for the public builder and for the filter that reads web.xml.
 */
public final class EngineFactory {
    private EngineFactory() {
    }

    /** Stores an app brings instead of the JDBC ones; it keeps ownership. */
    public record GivenStores(UserStore users, SessionStore sessions, VerificationStore verifications,
                              MetaStore meta, Optional<AccountStore> accounts) {
    }

    /** Where the engine keeps its data, and what it tells whom. */
    public record Wiring(Clock clock, Optional<DataSource> dataSource, Optional<GivenStores> stores,
                         Optional<AttemptStore> attempts, String contextPath, List<SessionListener> listeners,
                         Optional<MailSender> mailSender, Optional<VerificationSender> verificationSender,
                         List<Feature> features) {
        public Wiring {
            listeners = List.copyOf(listeners);
            features = List.copyOf(features);
        }

        /**
         * Everything by default: the JDBC stores the settings describe, the system clock, the root context, every
         * registered feature.
         */
        public static Wiring defaults() {
            return new Wiring(Clock.systemUTC(), Optional.empty(), Optional.empty(), Optional.empty(), "", List.of(),
                    Optional.empty(), Optional.empty(), Features.all());
        }

        /** The same wiring for an app at {@code contextPath}. */
        public Wiring atContextPath(String path) {
            return new Wiring(clock, dataSource, stores, attempts, path, listeners, mailSender, verificationSender,
                    features);
        }

        /** The same wiring with these features (in this order) instead of the registered ones. */
        public Wiring withFeatures(List<Feature> chosen) {
            return new Wiring(clock, dataSource, stores, attempts, contextPath, listeners, mailSender,
                    verificationSender, chosen);
        }
    }

    /**
     * Validates the wiring against the configuration, opens the store, creates or migrates the tables.
     *
     * @throws dev.sessionauth.config.ConfigException a setting is wrong
     * @throws dev.sessionauth.spi.StoreUnavailableException the store cannot be reached
     */
    public static Engine start(AuthConfig config, Wiring wiring) {
        if (wiring.dataSource().isPresent() && wiring.stores().isPresent()) {
            throw new IllegalStateException("use either dataSource(DataSource) or stores(...), not both");
        }
        List<SessionListener> listeners = ConfiguredClasses.listeners(config, wiring.listeners());
        MailSender sender = ConfiguredClasses.mailSender(config, wiring.mailSender(), wiring.verificationSender());
        Stores stores = StoreSetup.open(config, wiring.clock(), wiring.dataSource(),
                wiring.stores().map(g -> new Stores(g.users(), g.sessions(), g.verifications(), null, g.meta(),
                        () -> { }, Optional.empty(), g.accounts())), wiring.attempts(), wiring.contextPath());
        return StoreSetup.closedOnFailure(stores, () -> new Engine(config, wiring.clock(), stores,
                Parts.wire(config, wiring.clock(), stores, listeners, sender, wiring.features())));
    }
}
