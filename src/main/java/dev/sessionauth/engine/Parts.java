package dev.sessionauth.engine;

import dev.sessionauth.SessionListener;
import dev.sessionauth.spi.MailSender;
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
             EmailVerification verification, Accounts accounts, Housekeeping housekeeping,
             PasswordReset passwordReset, EmailChange emailChange, AccountDeletion deletion)
        implements AutoCloseable {

    /** Reads or creates the secrets and wires every part over {@code stores}. */
    public static Parts wire(AuthConfig config, Clock clock, Stores stores, List<SessionListener> listeners,
                             MailSender sender) {
        TokenGenerator tokens = new TokenGenerator();
        List<byte[]> secrets = StoreSetup.secrets(config, stores.meta(), tokens);
        SessionEvents events = new SessionEvents(listeners);
        boolean jwt = config.strategy() == AuthConfig.SessionStrategy.JWT;
        RevokedSessions revoked = new RevokedSessions(clock, stores.sessions(), config.cookieCacheMaxAge(),
                config.revocationPollInterval());
        SessionResolver resolver = new SessionResolver(config, clock, stores.sessions(), stores.users(),
                jwt ? Optional.of(new SessionJwt(secrets)) : Optional.empty(), events, revoked);
        PendingLinks links = new PendingLinks(stores.verifications());
        OwnSessions own = new OwnSessions(config, clock, stores.sessions(),
                new Revocations(clock, stores.sessions(), revoked, events), resolver, links);
        SessionIssuer issuer = new SessionIssuer(config, clock, stores.sessions(), tokens, events, resolver, own);
        Throttles throttles = new Throttles(config,
                new AccountLocks(stores.attempts(), clock, config.signInMaxFailures(), config.signInWindow()), clock);
        Housekeeping housekeeping = new Housekeeping(clock, stores.sessions(), stores.verifications(),
                stores.attempts(), stores.meta(), revoked,
                jwt ? Optional.of(config.revocationPollInterval()) : Optional.empty());
        Outbox outbox = new Outbox(sender, housekeeping.background());
        EmailVerification verification = new EmailVerification(config, clock, stores.users(), stores.verifications(),
                tokens, outbox, resolver, throttles);
        PasswordHasher passwords = new PasswordHasher(config.bcryptCost());
        Accounts accounts = new Accounts(config, clock, stores.users(), passwords, tokens, events, resolver, issuer,
                own, verification, throttles, outbox, links);
        // The account lifecycle: password reset, e-mail change, deletion.
        PasswordReset reset = new PasswordReset(config, clock, stores.users(), stores.verifications(), tokens,
                passwords, outbox, own, events, throttles, links);
        EmailChange emailChange = new EmailChange(config, clock, stores.users(), stores.verifications(), tokens,
                outbox, verification, resolver, events, accounts, throttles);
        AccountDeletion deletion = new AccountDeletion(config, clock, stores.users(), stores.verifications(), tokens,
                outbox, accounts, own, resolver, events, links);
        return new Parts(new CookieSigner(secrets), events, resolver, own, verification, accounts, housekeeping,
                reset, emailChange, deletion);
    }

    @Override
    public void close() {
        housekeeping.close();
        events.close();
    }
}
