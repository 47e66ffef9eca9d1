package dev.sessionauth.engine;

import dev.sessionauth.SessionListener;
import dev.sessionauth.MailSender;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.SessionJwt;
import dev.sessionauth.crypto.TokenGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The engine's parts, wired once over one set of stores: what {@code SessionAuth} delegates to. Closing it stops
 * the background thread and the listeners' thread; the stores are their owner's to close.
 */
record Parts(CookieSigner signer, SessionEvents events, SessionResolver resolver, OwnSessions own,
                    EmailVerification verification, Accounts accounts, Housekeeping housekeeping)
        implements AutoCloseable {

    /** Reads or creates the secrets and wires every part over {@code stores}. */
    public static Parts wire(AuthConfig config, Clock clock, Stores stores, List<SessionListener> listeners,
                             MailSender sender) {
        TokenGenerator tokens = new TokenGenerator();
        List<byte[]> secrets = StoreSetup.secrets(config, stores.meta(), tokens);
        SessionEvents events = new SessionEvents(listeners);
        SessionResolver resolver = new SessionResolver(config, clock, stores.sessions(),
                config.strategy() == AuthConfig.SessionStrategy.JWT ? Optional.of(new SessionJwt(secrets))
                        : Optional.empty(), events);
        OwnSessions own = new OwnSessions(config, clock, stores.sessions(), events, resolver);
        Housekeeping housekeeping = new Housekeeping(clock, stores.sessions(), stores.verifications(),
                stores.attempts());
        Outbox outbox = new Outbox(sender, housekeeping.background());
        EmailVerification verification = new EmailVerification(config, clock, stores.users(), stores.verifications(),
                tokens, outbox, resolver);
        Accounts accounts = new Accounts(config, clock, stores.users(), stores.sessions(),
                new PasswordHasher(config.bcryptCost()), tokens, events, resolver, own, verification);
        return new Parts(new CookieSigner(secrets), events, resolver, own, verification, accounts, housekeeping);
    }

    @Override
    public void close() {
        housekeeping.close();
        events.close();
    }
}
