package dev.sessionauth.engine;

import dev.sessionauth.config.SettingNames;
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
        SettingNames all = SettingNames.NONE;
        for (Feature f : all()) {
            all = all.and(f.settings());
        }
        return all;
    }
}
