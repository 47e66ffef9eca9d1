package dev.sessionauth.config;

import static dev.sessionauth.config.Settings.NAMES;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.config.AdditionalField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Looks each setting up in the configuration sources, strongest first, and turns a bad value into a
 * {@link ConfigException} that names the setting, the value, where it was set and the fix.
 */
public final class SettingReader {
    private final List<ConfigSource> sources;

    SettingReader(List<ConfigSource> sources, SettingNames declared) {
        this.sources = List.copyOf(sources);
        Set<String> known = new HashSet<>(NAMES);
        for (ConfigSource source : sources) {
            for (String name : source.names()) {
                if (!known.contains(name) && !declared.declares(name)) {
                    throw new ConfigException("unknown setting " + source.describe(name) + suggestion(name)
                            + "; the settings are: " + String.join(", ", NAMES));
                }
            }
        }
    }

    private static String suggestion(String name) {
        return NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                .map(n -> " (did you mean " + n + "?)").orElse("");
    }

    /** The strongest source that sets {@code name}; an empty value counts as not set, so weaker ones show through. */
    private Optional<ConfigSource> sourceOf(String name) {
        return sources.stream().filter(s -> s.lookup(name).filter(v -> !v.isBlank()).isPresent()).findFirst();
    }

    /**
     * Every name given under {@code prefix} in any source, as that source spells it ({@code socialProviders.google.
     * clientId}, or an environment variable that kept its own name, {@code SESSIONAUTH_SOCIALPROVIDERS_GOOGLE_CLIENTID}):
     * for a feature that declared the prefix to refuse the names under it that it does not know.
     */
    public Set<String> namesUnder(String prefix) {
        String envPrefix = ConfigSource.envName(prefix);
        Set<String> under = new java.util.TreeSet<>();
        for (ConfigSource source : sources) {
            for (String name : source.names()) {
                if (name.startsWith(prefix) || name.toUpperCase(Locale.ROOT).startsWith(envPrefix)) {
                    under.add(name);
                }
            }
        }
        return under;
    }

    /** Where {@code name} was set, as a user would recognise it ({@code environment variable SESSIONAUTH_…}). */
    public String describe(String name) {
        return sourceOf(name).map(s -> s.describe(name)).orElse(name);
    }

    public String origin(String name) {
        return sourceOf(name).map(s -> ", from " + s.describe(name)).orElse(", the default");
    }

    public ConfigException bad(String name, String value, String fix) {
        String where = sourceOf(name).map(s -> " (set as " + s.describe(name) + ")").orElse("");
        return new ConfigException(name + ": \"" + value + "\" " + fix + where);
    }

    public <T> Optional<T> optional(String name, Function<String, T> parse) {
        return sourceOf(name).flatMap(s -> s.lookup(name)).map(parse);
    }

    public <T> T value(String name, String defaultValue, Function<String, T> parse) {
        return parse.apply(sourceOf(name).flatMap(s -> s.lookup(name)).orElse(defaultValue));
    }

    List<AdditionalField> fields(String name, ObjectMapper json) {
        return optional(name, v -> FieldDeclarations.parse(FieldDeclarations.split(v), json,
                (declaration, fix) -> bad(name, declaration, fix))).orElse(List.of());
    }

    public String className(String name, String v) {
        String c = v.trim();
        if (!c.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
            throw bad(name, v, "is not a Java class name such as com.example.MyListener");
        }
        return c;
    }

    public List<String> list(String name) {
        return optional(name, v -> Arrays.stream(v.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList())
                .orElse(List.of());
    }

    public Duration duration(String name, String defaultValue) {
        Duration d = value(name, defaultValue, v -> Durations.parse(v).orElseThrow(
                () -> bad(name, v, "is not a duration; use 30d, 24h, 15m or seconds")));
        if (d.compareTo(Durations.MAX) > 0) {
            throw bad(name, Durations.format(d), "is too long; use at most " + Durations.format(Durations.MAX));
        }
        return d;
    }

    public Duration positiveDuration(String name, String defaultValue) {
        Duration d = duration(name, defaultValue);
        if (d.isZero()) {
            throw bad(name, "0", "use a positive duration such as " + defaultValue);
        }
        return d;
    }

    public boolean bool(String name, boolean defaultValue) {
        return value(name, Boolean.toString(defaultValue), v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, v, "is not a boolean; use true or false");
        });
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return value(name, Integer.toString(defaultValue), v -> {
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min || n > max) {
                    throw bad(name, v, "is out of range; use a whole number from " + min + " to " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(name, v, "is not a whole number; use one from " + min + " to " + max);
            }
        });
    }

    public <E extends Enum<E>> E choice(String name, String defaultValue, Class<E> type) {
        return value(name, defaultValue, v -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v.trim())) {
                    return e;
                }
            }
            List<String> options = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                options.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw bad(name, v, "is not one of: " + String.join(", ", options));
        });
    }

    public String requirePath(String name, String v) {
        String p = v.trim();
        if (!p.startsWith("/") || p.startsWith("//") || p.contains("\\") || p.contains("?") || p.contains("#")) {
            throw bad(name, v, "must be a path inside the app starting with a single /, e.g. /login");
        }
        return p;
    }

    public String origin(String name, String v) {
        if (Origins.isBare(v)) {
            return Origins.of(v).orElseThrow();
        }
        throw bad(name, v, "is not an origin; use scheme://host[:port] such as https://app.example.com");
    }
}
