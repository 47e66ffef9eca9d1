package dev.sessionauth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.SessionAuth;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's public types are planned: {@code public-api.txt} lists each one as {@code api} (what apps use, kept
 * stable) or {@code internal} (public only so the library's own packages share it). A public type that appears
 * unlisted, or a listed one that is gone, fails here; so does an API type whose public members hand out an internal
 * type, which would make the internal one API by the back door.
 */
class PublicApiTest {
    private static Map<String, String> planned;
    private static Set<Class<?>> actual;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        planned = new TreeMap<>();
        try (InputStream in = PublicApiTest.class.getResourceAsStream("/public-api.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] kindAndType = l.split("\\s+");
                planned.put(kindAndType[1], kindAndType[0]);
            }
        }
        Path classes = Path.of(SessionAuth.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            actual = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replace(".class", ""))
                    .filter(name -> !name.endsWith("package-info"))
                    .map(PublicApiTest::load)
                    .filter(PublicApiTest::isPublicFromOutside)
                    .collect(Collectors.toSet());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPublicFromOutside(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyPublicTypeIsPlanned() {
        List<String> unplanned = actual.stream().map(Class::getName).filter(n -> !planned.containsKey(n)).sorted()
                .toList();
        assertThat(unplanned).as("public types missing from src/test/resources/public-api.txt; add each as 'api'"
                + " (apps use it) or 'internal' (the library's own packages share it), or make it package-private")
                .isEmpty();
    }

    @Test
    void everyPlannedTypeIsThere() {
        Set<String> names = actual.stream().map(Class::getName).collect(Collectors.toSet());
        assertThat(planned.keySet().stream().filter(n -> !names.contains(n)).toList())
                .as("listed in public-api.txt but no longer public").isEmpty();
    }

    @Test
    void theApiHandsOutNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : actual) {
            if (!"api".equals(planned.get(type.getName()))) {
                continue;
            }
            for (Method m : type.getMethods()) {
                if (m.getDeclaringClass() != type || m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                Stream.concat(Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes()))
                        .filter(PublicApiTest::isInternal)
                        .forEach(t -> leaks.add(type.getName() + "." + m.getName() + " uses " + t.getName()));
            }
            for (Constructor<?> c : type.getConstructors()) {
                Arrays.stream(c.getParameterTypes()).filter(PublicApiTest::isInternal)
                        .forEach(t -> leaks.add(type.getName() + "(…) takes " + t.getName()));
            }
            for (Field f : type.getFields()) {
                if (f.getDeclaringClass() == type && isInternal(f.getType())) {
                    leaks.add(type.getName() + "." + f.getName() + " is a " + f.getType().getName());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theApiLivesInTheAppsPackages() {
        Set<String> apiPackages = new TreeSet<>();
        planned.forEach((type, kind) -> {
            if (kind.equals("api")) {
                apiPackages.add(type.substring(0, type.lastIndexOf('.')).replaceAll("\\.[A-Z].*$", ""));
            }
        });
        assertThat(apiPackages).as("packages with API types").isSubsetOf(
                "dev.sessionauth", "dev.sessionauth.spi", "dev.sessionauth.config", "dev.sessionauth.tags",
                "dev.sessionauth.web", "dev.sessionauth.store.memory", "dev.sessionauth.store.jdbc",
                "dev.sessionauth.oidc", "dev.sessionauth.twofactor", "dev.sessionauth.passkey",
                "dev.sessionauth.admin");
    }

    private static boolean isInternal(Class<?> type) {
        Class<?> t = type.isArray() ? type.getComponentType() : type;
        return "internal".equals(planned.get(t.getName()));
    }
}
