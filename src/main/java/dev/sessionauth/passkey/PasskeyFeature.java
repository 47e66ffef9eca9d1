package dev.sessionauth.passkey;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import dev.sessionauth.engine.Feature;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * Passkeys (WebAuthn) as a way in, registered in {@code META-INF/services/dev.sessionauth.engine.Feature}: off unless
 * {@code passkey.enabled=true}, which needs webauthn4j on the class path (start-up names the artifact otherwise).
 * Settings: {@code passkey.enabled}, {@code passkey.signUp} (accounts made with a passkey alone), {@code passkey.rpId},
 * {@code passkey.rpName}, {@code passkey.origins} (see {@link RelyingParty} for how they default from {@code baseURL}
 * and {@code trustedOrigins}). Adds the {@code sa_passkey} table.
 */
public final class PasskeyFeature implements Feature {
    static final String ENABLED = "passkey.enabled";
    static final String SIGN_UP = "passkey.signUp";

    private static final System.Logger LOG = System.getLogger(PasskeyFeature.class.getName());

    @Override
    public String name() {
        return "passkey";
    }

    @Override
    public SettingNames settings() {
        return SettingNames.of(ENABLED, SIGN_UP, RelyingParty.RP_ID, RelyingParty.RP_NAME, RelyingParty.ORIGINS);
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("passkey-1", JdbcPasskeyStore.CREATE));
    }

    @Override
    public Optional<FeaturePart> start(AuthConfig config, FeatureContext context) {
        SettingReader settings = config.settings();
        if (!settings.bool(ENABLED, false)) {
            return Optional.empty();
        }
        boolean signUp = settings.bool(SIGN_UP, false);
        if (signUp && config.emailVerificationRequired()) {
            throw new ConfigException(SIGN_UP + "=true cannot be combined with emailVerification.required=true: an "
                    + "account made with a passkey gets no verification mail, so it could never sign in. Switch one "
                    + "of them off");
        }
        PasskeySupport support = PasskeySupport.detect();
        support.requireAvailable();
        RelyingParty relyingParty = relyingParty(config, settings);
        PasskeyVerifiers verifiers = support.verifiers(relyingParty);
        PasskeyStore store = context.dataSource().<PasskeyStore>map(JdbcPasskeyStore::new)
                .orElseGet(MemoryPasskeyStore::new);
        LOG.log(Level.INFO, () -> "passkeys on: RP ID " + relyingParty.id() + ", origins "
                + (relyingParty.anyLocalhostOrigin() ? "any http(s)://localhost:<port> (development)"
                : String.join(", ", relyingParty.origins())));
        if (context.dataSource().isEmpty()) {
            LOG.log(Level.WARNING, "passkeys are kept in this instance's memory (the stores given have no data "
                    + "source): they are lost on restart and not shared with other instances");
        }
        return Optional.of(new PasskeyPart(context, relyingParty, verifiers, store, signUp));
    }

    /** The relying party from {@code passkey.*}, {@code baseURL} and {@code trustedOrigins}. */
    static RelyingParty relyingParty(AuthConfig config, SettingReader settings) {
        RelyingParty.Builder builder = RelyingParty.builder().trustedOrigins(config.trustedOrigins());
        config.baseUrl().ifPresent(builder::baseUrl);
        settings.optional(RelyingParty.RP_ID, v -> v).ifPresent(builder::rpId);
        settings.optional(RelyingParty.RP_NAME, v -> v).ifPresent(builder::rpName);
        settings.optional(RelyingParty.ORIGINS, v -> v).ifPresent(v -> builder.origins(settings.list(RelyingParty.ORIGINS)));
        return builder.build();
    }
}
