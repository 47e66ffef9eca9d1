package dev.sessionauth.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * One place configuration values come from (a builder, filter init-params, context-params, system
 * properties, the environment), already translated to SessionAuth's setting names.
 */
public final class ConfigSource {
    private static final String PREFIX = "sessionauth.";
    private static final String ENV_PREFIX = "SESSIONAUTH_";

    private final String label;
    private final Map<String, String> values;

    private ConfigSource(String label, Map<String, String> values) {
        this.label = label;
        this.values = Map.copyOf(values);
    }

    /** Values given under their plain names, e.g. a builder's or a filter's init-params. */
    public static ConfigSource of(String label, Map<String, String> values) {
        return new ConfigSource(label, values);
    }

    /** Context-params named {@code sessionauth.<name>}; others belong to the app and are ignored. */
    public static ConfigSource contextParams(Map<String, String> params) {
        return prefixed("context-param", params);
    }

    /** System properties named {@code sessionauth.<name>}. */
    public static ConfigSource systemProperties(Properties properties) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            all.put(name, properties.getProperty(name));
        }
        return prefixed("system property", all);
    }

    /**
     * Environment variables named {@code SESSIONAUTH_<NAME>}, the name upper-cased with dots as underscores
     * ({@code SESSIONAUTH_SESSION_MAXAGE} for {@code session.maxAge}). An unrecognised one is kept under its
     * own name so that validation reports it.
     */
    public static ConfigSource environment(Map<String, String> environment) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String name : Settings.NAMES) {
            byEnvName.put(envName(name), name);
        }
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith(ENV_PREFIX)) {
                values.put(byEnvName.getOrDefault(key, key), value);
            }
        });
        return new ConfigSource("environment variable", values);
    }

    /** The environment variable that carries a setting. */
    public static String envName(String setting) {
        return ENV_PREFIX + setting.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static ConfigSource prefixed(String label, Map<String, String> raw) {
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && value != null) {
                values.put(key.substring(PREFIX.length()), value);
            }
        });
        return new ConfigSource(label, values);
    }

    /**
     * The value of {@code name}: under the name itself, or, for an environment variable that no core name claimed,
     * under its environment form ({@code SESSIONAUTH_SOCIALPROVIDERS_LOCAL_CLIENTID}).
     */
    Optional<String> lookup(String name) {
        return Optional.ofNullable(values.get(name)).or(() -> Optional.ofNullable(values.get(envName(name))));
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Set<String> names() {
        return values.keySet();
    }

    /** How a user would recognise where a value was set, e.g. {@code system property sessionauth.secret}. */
    String describe(String name) {
        return switch (label) {
            case "context-param", "system property" -> label + " " + PREFIX + name;
            case "environment variable" -> label + " " + (name.startsWith(ENV_PREFIX) ? name : envName(name));
            default -> label + " " + name;
        };
    }
}
