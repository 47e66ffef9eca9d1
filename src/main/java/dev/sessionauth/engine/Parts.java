package dev.sessionauth.engine;

import dev.sessionauth.SessionListener;
import dev.sessionauth.spi.MailSender;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.SessionJwt;
import dev.sessionauth.crypto.TokenGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's parts, wired once over one set of stores: what {@code SessionAuth} delegates to. Closing it stops
 * the background thread and the listeners' thread; the stores are their owner's to close.
 */
record Parts(CookieSigner signer, SessionEvents events, SessionResolver resolver, OwnSessions own,
             EmailVerification verification, Accounts accounts, Housekeeping housekeeping,
             PasswordReset passwordReset, EmailChange emailChange, AccountDeletion deletion,
             List<FeaturePart> features)
        implements AutoCloseable {

    /**
     * Reads or creates the secrets and wires every part over {@code stores}, then starts the {@code features}
     * (their tables prepared as {@code schema} says) and installs their gates.
     */
    public static Parts wire(AuthConfig config, Clock clock, Stores stores, List<SessionListener> listeners,
                             MailSender sender, List<Feature> features) {
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
        Gates gates = new Gates();
        SessionIssuer issuer = new SessionIssuer(config, clock, stores.sessions(), tokens, events, resolver, own,
                gates);
        Throttles throttles = new Throttles(config,
                new AccountLocks(stores.attempts(), clock, config.signInMaxFailures(), config.signInWindow()), clock);
        Housekeeping housekeeping = new Housekeeping(clock, stores.sessions(), stores.verifications(),
                stores.attempts(), stores.meta(), revoked,
                jwt ? Optional.of(config.revocationPollInterval()) : Optional.empty());
        Outbox outbox = new Outbox(sender, housekeeping.background());
        EmailVerification verification = new EmailVerification(config, clock, stores.users(), stores.verifications(),
                tokens, outbox, resolver, throttles);
        PasswordHasher passwords = new PasswordHasher(config.bcryptCost());
        SensitiveActions sensitive = new SensitiveActions();
        Accounts accounts = new Accounts(config, clock, stores.users(), passwords, tokens, events, resolver, issuer,
                own, verification, throttles, outbox, links, sensitive);
        // The account lifecycle: password reset, e-mail change, deletion.
        PasswordReset reset = new PasswordReset(config, clock, stores.users(), stores.verifications(), tokens,
                passwords, outbox, own, events, throttles, links);
        EmailChange emailChange = new EmailChange(config, clock, stores.users(), stores.verifications(), tokens,
                outbox, verification, resolver, events, accounts, throttles, sensitive);
        AccountDeletion deletion = new AccountDeletion(config, clock, stores.users(), stores.verifications(), tokens,
                outbox, accounts, own, resolver, events, links, sensitive);
        CookieSigner signer = new CookieSigner(secrets);
        FeatureContext context = new FeatureContext(config, clock, stores, issuer, throttles, events, outbox,
                new MailLinks(config), tokens, secrets, signer, own, accounts, deletion, sensitive);
        List<FeaturePart> started = new ArrayList<>();
        try {
            for (Feature feature : features) {
                Optional<FeaturePart> part = feature.start(config, context);
                if (part.isPresent()) {
                    started.add(part.get());
                    FeatureTables.prepare(config, stores, feature);
                }
            }
        } catch (RuntimeException e) {
            started.forEach(FeaturePart::close);
            housekeeping.close();
            events.close();
            throw e;
        }
        gates.install(started.stream().flatMap(p -> p.gate().stream()).toList());
        sensitive.install(started);
        context.install(started);
        links.install(started);
        return new Parts(signer, events, resolver, own, verification, accounts, housekeeping, reset, emailChange,
                deletion, List.copyOf(started));
    }

    @Override
    public void close() {
        features.forEach(FeaturePart::close);
        housekeeping.close();
        events.close();
    }
}
