package dev.sessionauth.engine;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import java.util.List;
import java.util.Optional;

/**
 * A way in (a sign-in method, a gate after the first factor) or another feature, packaged in a package of its own
 * with its endpoints, engine part, store and tables, and registered in
 * {@code META-INF/services/dev.sessionauth.engine.Feature}: the one extension point. The engine asks it for the
 * settings it declares (so start-up still refuses unknown names), the tables it adds, and, at start, for its part
 * over the engine's shared services.
 */
public interface Feature {
    /** A short name, for logs and errors ({@code twoFactor}). */
    String name();

    /** The settings it declares. */
    SettingNames settings();

    /**
     * The fields it adds to every user, given the settings (none when it is off): real columns, shown on the wire
     * with the user as Better Auth's plugins show theirs ({@code twoFactorEnabled}, {@code role}), read and written
     * through the user store; declare them not client-writable.
     */
    default List<AdditionalField> userFields(SettingReader settings) {
        return List.of();
    }

    /** The fields it adds to every session, given the settings ({@code impersonatedBy}). */
    default List<AdditionalField> sessionFields(SettingReader settings) {
        return List.of();
    }

    /** The tables it adds, run in order after the core schema, each once (by its id). */
    List<Migration> migrations();

    /**
     * Its part for this configuration, or empty when it is switched off. A feature whose library is not on the
     * classpath throws {@link dev.sessionauth.config.ConfigException} naming the Maven artifact, only when configured.
     */
    Optional<FeaturePart> start(AuthConfig config, FeatureContext context);

    /** A schema change of a feature: an id that never changes, and portable SQL (H2 and PostgreSQL alike). */
    record Migration(String id, List<String> statements) {
        public Migration {
            statements = List.copyOf(statements);
        }
    }
}
