package dev.sessionauth.engine;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The features registered in the library's {@code META-INF/services/dev.sessionauth.engine.Feature}, found with the
 * library's own class loader (every feature ships in the one artifact), in the order the file lists them.
 */
public final class Features {
    private Features() {
    }

    /** Every registered feature. */
    public static List<Feature> all() {
        return ServiceLoader.load(Feature.class, Feature.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** The settings every registered feature declares. */
    public static SettingNames settings() {
        return settings(all());
    }

    private static SettingNames settings(List<Feature> features) {
        SettingNames all = SettingNames.NONE;
        for (Feature f : features) {
            all = all.and(f.settings());
        }
        return all;
    }

    /**
     * Reads and validates the configuration from {@code sources} (strongest first) with what the registered features
     * declare: their setting names, and the fields they add to users and sessions.
     */
    public static AuthConfig config(List<ConfigSource> sources) {
        return config(sources, all());
    }

    /** The same with these features instead of the registered ones. */
    public static AuthConfig config(List<ConfigSource> sources, List<Feature> features) {
        SettingReader reader = AuthConfig.reader(sources, settings(features));
        List<AdditionalField> user = new ArrayList<>();
        List<AdditionalField> session = new ArrayList<>();
        for (Feature f : features) {
            user.addAll(f.userFields(reader));
            session.addAll(f.sessionFields(reader));
        }
        return AuthConfig.load(reader, user, session);
    }
}
