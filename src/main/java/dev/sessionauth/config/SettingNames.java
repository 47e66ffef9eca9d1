package dev.sessionauth.config;

import java.util.Locale;
import java.util.Set;

/**
 * The setting names a feature declares beyond the core ones: exact names ({@code twoFactor.issuer}) and prefixes for
 * names whose middle the app chooses ({@code socialProviders.} for {@code socialProviders.<id>.clientId}). Start-up
 * still refuses every name nobody declares.
 */
public record SettingNames(Set<String> names, Set<String> prefixes) {
    /** No names at all. */
    public static final SettingNames NONE = new SettingNames(Set.of(), Set.of());

    public SettingNames {
        names = Set.copyOf(names);
        prefixes = Set.copyOf(prefixes);
    }

    /** These exact names. */
    public static SettingNames of(String... names) {
        return new SettingNames(Set.of(names), Set.of());
    }

    /** These names and every one under {@code prefix}. */
    public SettingNames withPrefix(String prefix) {
        Set<String> more = new java.util.HashSet<>(prefixes);
        more.add(prefix);
        return new SettingNames(names, more);
    }

    /** Both sets of names. */
    public SettingNames and(SettingNames other) {
        Set<String> n = new java.util.HashSet<>(names);
        n.addAll(other.names);
        Set<String> p = new java.util.HashSet<>(prefixes);
        p.addAll(other.prefixes);
        return new SettingNames(n, p);
    }

    /**
     * Whether {@code name} is declared: one of the names, under a prefix, or (for an environment variable that kept
     * its own name) the environment form of either.
     */
    boolean declares(String name) {
        if (names.contains(name) || prefixes.stream().anyMatch(name::startsWith)) {
            return true;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return names.stream().anyMatch(n -> ConfigSource.envName(n).equals(upper))
                || prefixes.stream().anyMatch(p -> upper.startsWith(ConfigSource.envName(p)));
    }
}
