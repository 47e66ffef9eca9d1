package dev.sessionauth.twofactor;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import dev.sessionauth.engine.Feature;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import java.util.List;
import java.util.Optional;

/**
 * Two-factor sign-in as a way in ({@code twoFactor.*}, on by default; users opt in one by one): Better Auth's
 * {@code twoFactor} plugin with authenticator-app codes, backup codes and trusted devices. Adds the user field
 * {@code twoFactorEnabled} and three tables; registered in {@code META-INF/services/dev.sessionauth.engine.Feature}.
 */
public final class TwoFactorFeature implements Feature {
    @Override
    public String name() {
        return "twoFactor";
    }

    @Override
    public SettingNames settings() {
        return TwoFactorSettings.NAMES;
    }

    @Override
    public List<AdditionalField> userFields(SettingReader settings) {
        // Not client-writable: only a confirmed enrolment or turning it off changes it.
        return TwoFactorSettings.enabled(settings)
                ? List.of(new AdditionalField(TwoFactorService.ENABLED_FIELD, AdditionalField.Type.BOOLEAN, false,
                        Optional.of(false), false))
                : List.of();
    }

    @Override
    public List<AdditionalField> sessionFields(SettingReader settings) {
        // How each session was made (pwd, social:<id>, passkey; then otp or device): written by the gate and the
        // second step, never by a client.
        return TwoFactorSettings.enabled(settings)
                ? List.of(new AdditionalField(SignInMethods.FIELD, AdditionalField.Type.STRING, false,
                        Optional.empty(), false))
                : List.of();
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("two-factor-1", JdbcTwoFactorStore.TABLES));
    }

    @Override
    public Optional<FeaturePart> start(AuthConfig config, FeatureContext context) {
        if (!TwoFactorSettings.enabled(config.settings())) {
            return Optional.empty();
        }
        TwoFactorSettings settings = TwoFactorSettings.read(config.settings());
        TwoFactorStore store = context.dataSource().<TwoFactorStore>map(JdbcTwoFactorStore::new)
                .orElseGet(MemoryTwoFactorStore::new);
        TwoFactorService service = new TwoFactorService(context, settings, store);
        return Optional.of(new TwoFactorPart(service, new TwoFactorGate(service, context)));
    }
}
