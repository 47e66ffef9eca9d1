package dev.sessionauth.oidc;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.engine.Feature;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.spi.AccountStore;
import java.util.List;
import java.util.Optional;

/**
 * Sign in with Google, Microsoft, GitHub or any OpenID Connect provider ({@code socialProviders}), on Better Auth's
 * wire: switched on by listing providers. Provider accounts are rows of {@code sa_account}, a pending sign-in's
 * single-use mark a row of {@code sa_verification}; the provider's tokens, encrypted, rows of its own table
 * {@code sa_social_token} ({@link JdbcProviderTokenStore}).
 */
public final class SocialFeature implements Feature {
    @Override
    public String name() {
        return "socialProviders";
    }

    @Override
    public SettingNames settings() {
        return SocialSettings.declared();
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("social-tokens-1", JdbcProviderTokenStore.CREATE));
    }

    @Override
    public Optional<FeaturePart> start(AuthConfig config, FeatureContext context) {
        // Read (and so checked) even when no provider is listed: a provider's setting without it is a mistake too.
        List<ProviderSettings> providers = SocialSettings.read(config.settings());
        if (providers.isEmpty()) {
            return Optional.empty();
        }
        if (config.sameSite() == AuthConfig.SameSite.STRICT) {
            throw new ConfigException(SocialSettings.PROVIDERS + " is set, but cookie.sameSite is Strict: a browser"
                    + " coming back from the provider is a cross-site navigation and would not bring the cookie that"
                    + " binds the sign-in to it, so every sign-in would fail; use cookie.sameSite=Lax (the default)");
        }
        AccountStore accounts = context.accounts().orElseThrow(() -> new ConfigException(SocialSettings.PROVIDERS
                + " is set, but the stores given to the builder have no AccountStore to keep provider accounts in:"
                + " pass one with accountStore(...), or use the JDBC or in-memory stores"));
        // Discovery loads in the background (start-up never waits on a provider); tokens are judged on the engine's clock.
        ProviderDirectory directory = new ProviderDirectory(providers, OidcHttp.defaults(), context.clock(),
                Scheduler.daemonThread("sessionauth-oidc-discovery"), Backoff.DEFAULT);
        directory.start();
        ProviderTokenStore tokens = context.dataSource()
                .<ProviderTokenStore>map(ds -> new JdbcProviderTokenStore(ds, context.clock()))
                .orElseGet(MemoryProviderTokenStore::new);
        return Optional.of(new SocialPart(config, context, directory, accounts,
                new ProviderTokenVault(context.secrets(), tokens)));
    }
}
