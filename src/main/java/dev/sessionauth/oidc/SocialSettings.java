package dev.sessionauth.oidc;

import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the social providers from the settings: {@code socialProviders} (the ids, comma-separated) and
 * {@code socialProviders.<id>.<setting>} for each. Every name under {@code socialProviders.} must belong to a listed
 * provider and be one of {@link ProviderSettings#SETTING_NAMES}, so a typo stops the start like any unknown setting.
 */
final class SocialSettings {
    /** The list of provider ids. */
    static final String PROVIDERS = "socialProviders";
    /** What every provider's own settings start with. */
    static final String PREFIX = PROVIDERS + ".";

    private SocialSettings() {
    }

    /** The names the feature declares: the list, and everything under it (checked here, name by name). */
    static SettingNames declared() {
        return SettingNames.of(PROVIDERS).withPrefix(PREFIX);
    }

    /**
     * The configured providers, in the order listed; none when {@code socialProviders} is not set.
     *
     * @throws ConfigException naming the first setting that is unknown, missing or wrong, and the fix
     */
    static List<ProviderSettings> read(SettingReader settings) {
        List<String> ids = settings.list(PROVIDERS);
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            if (!unique.add(id)) {
                throw new ConfigException(PROVIDERS + " lists " + id + " twice (" + settings.describe(PROVIDERS)
                        + "): list each provider once");
            }
        }
        checkNames(settings, unique);
        List<ProviderSettings> providers = new ArrayList<>();
        for (String id : unique) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : ProviderSettings.SETTING_NAMES) {
                settings.optional(PREFIX + id + "." + name, v -> v).ifPresent(v -> values.put(name, v));
            }
            try {
                providers.add(ProviderSettings.fromSettings(id, values));
            } catch (ProviderConfigException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return providers;
    }

    private static void checkNames(SettingReader settings, Set<String> ids) {
        for (String name : settings.namesUnder(PREFIX)) {
            if (name.startsWith(PREFIX)) {
                checkDotted(settings, name, ids);
            } else if (!isEnvironmentName(name, ids)) {
                throw new ConfigException("unknown setting " + settings.describe(name) + ": a provider's settings are"
                        + " SESSIONAUTH_SOCIALPROVIDERS_<ID>_<SETTING> for an <ID> listed in " + PROVIDERS + " ("
                        + listed(ids) + ") and a <SETTING> among " + String.join(", ", ProviderSettings.SETTING_NAMES));
            }
        }
    }

    private static void checkDotted(SettingReader settings, String name, Set<String> ids) {
        String rest = name.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            throw new ConfigException("unknown setting " + settings.describe(name) + ": a provider's settings are "
                    + PREFIX + "<id>.<setting>, such as " + PREFIX + "google.clientId");
        }
        String id = rest.substring(0, dot);
        String setting = rest.substring(dot + 1);
        if (!ids.contains(id)) {
            throw new ConfigException(settings.describe(name) + " is set, but " + id + " is not listed in "
                    + PROVIDERS + " (" + listed(ids) + "): add it to " + PROVIDERS + " or remove the setting");
        }
        if (!ProviderSettings.SETTING_NAMES.contains(setting)) {
            throw new ConfigException("unknown setting " + settings.describe(name) + ": the settings of a provider"
                    + " are " + String.join(", ", ProviderSettings.SETTING_NAMES) + " (tenant for microsoft only)");
        }
    }

    /** Whether an environment variable that kept its own name is one of a listed provider's settings. */
    private static boolean isEnvironmentName(String name, Set<String> ids) {
        for (String id : ids) {
            for (String setting : ProviderSettings.SETTING_NAMES) {
                if (ConfigSource.envName(PREFIX + id + "." + setting).equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String listed(Set<String> ids) {
        return ids.isEmpty() ? "none listed" : String.join(", ", ids);
    }
}
