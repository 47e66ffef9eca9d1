package dev.sessionauth.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * webauthn4j is optional: with it, passkeys are available; without it (or without what it needs), start-up says
 * which artifact to add; and the library, every class of it but the verifiers, loads and initialises in a class
 * loader that cannot see webauthn4j at all.
 */
class PasskeySupportTest {
    /** The classes allowed to touch webauthn4j (see package-info): only made after the check. */
    private static final Set<String> WEBAUTHN4J_FACING = Set.of(
            "dev.sessionauth.passkey.RegistrationVerifier",
            "dev.sessionauth.passkey.AuthenticationVerifier",
            "dev.sessionauth.passkey.Webauthn4j");

    /**
     * A class loader as an application without webauthn4j would have: the hidden packages do not exist, and every
     * request for one is recorded. Classes of the library itself are defined here (child first), so linking them
     * resolves against this loader and cannot borrow the test's webauthn4j.
     */
    static final class HidingLoader extends ClassLoader {
        final List<String> hiddenRequests = new CopyOnWriteArrayList<>();
        private final List<String> hidden;

        HidingLoader(ClassLoader parent, String... hidden) {
            super(parent);
            this.hidden = List.of(hidden);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (hidden.stream().anyMatch(name::startsWith)) {
                hiddenRequests.add(name);
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("dev.sessionauth.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    private static ClassLoader testLoader() {
        return PasskeySupportTest.class.getClassLoader();
    }

    /** Every class of the library (target/classes), by name. */
    private static List<String> libraryClasses() throws IOException, URISyntaxException {
        Path root = Path.of(PasskeySupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString())
                    .filter(n -> !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .sorted()
                    .toList();
        }
    }

    private static boolean webauthn4jFacing(String className) {
        return WEBAUTHN4J_FACING.stream().anyMatch(f -> className.equals(f) || className.startsWith(f + "$"));
    }

    @Test
    void withWebauthn4jOnTheClassPathPasskeysAreAvailable() {
        PasskeySupport support = PasskeySupport.detect();
        assertThat(support.available()).isTrue();
        assertThat(support.problem()).isEmpty();
        support.requireAvailable();
        assertThat(PasskeySupport.detect(testLoader()).available()).isTrue();
    }

    @Test
    void withoutWebauthn4jStartUpStopsNamingTheMavenArtifactToAdd() {
        PasskeySupport support = PasskeySupport.detect(new HidingLoader(testLoader(), "com.webauthn4j."));

        assertThat(support.available()).isFalse();
        assertThat(support.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("passkey.enabled=true needs webauthn4j")
                .contains("com.webauthn4j:webauthn4j-core:0.32.0.RELEASE")
                .contains("<artifactId>webauthn4j-core</artifactId><version>0.32.0.RELEASE</version>")
                .contains("or set passkey.enabled=false"));
        assertThatThrownBy(support::requireAvailable).isInstanceOf(ConfigException.class)
                .hasMessage(support.problem().orElseThrow());
        RelyingParty rp = RelyingParty.builder().baseUrl("http://localhost:8080").build();
        assertThatThrownBy(() -> support.verifiers(rp)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(PasskeySupport.ARTIFACT);
    }

    @Test
    void tooOldJacksonAnnotationsAreNamedWithTheVersionToPin() {
        PasskeySupport support = PasskeySupport.detect(
                new HidingLoader(testLoader(), "com.fasterxml.jackson.annotation.JsonSerializeAs"));
        assertThat(support.available()).isFalse();
        assertThat(support.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("com.fasterxml.jackson.core:jackson-annotations:2.22")
                .contains("<dependencyManagement>"));
    }

    @Test
    void aMissingCborCodecIsNamed() {
        PasskeySupport support = PasskeySupport.detect(new HidingLoader(testLoader(), "tools.jackson.dataformat."));
        assertThat(support.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("tools.jackson.dataformat:jackson-dataformat-cbor"));
    }

    @Test
    void everyOtherClassOfTheLibraryLoadsAndInitialisesWithoutWebauthn4j() throws Exception {
        HidingLoader loader = new HidingLoader(testLoader(), "com.webauthn4j.", "tools.jackson.");
        List<String> classes = libraryClasses();
        assertThat(classes).contains("dev.sessionauth.passkey.PasskeySupport", "dev.sessionauth.SessionAuth", "dev.sessionauth.engine.Engine",
                "dev.sessionauth.web.SessionAuthFilter").containsAll(WEBAUTHN4J_FACING);

        List<String> failures = new ArrayList<>();
        int loaded = 0;
        for (String name : classes) {
            if (webauthn4jFacing(name)) {
                continue;
            }
            try {
                Class.forName(name, true, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                failures.add(name + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(loaded).isGreaterThan(100);
        assertThat(loader.hiddenRequests).as("webauthn4j classes asked for").isEmpty();

        // Start-up in that loader: the check answers, and asking for the verifiers is a ConfigException, not a
        // NoClassDefFoundError; still nothing of webauthn4j was asked for.
        Class<?> support = Class.forName(PasskeySupport.class.getName(), true, loader);
        Object detected = support.getMethod("detect").invoke(null);
        assertThat(support.getMethod("available").invoke(detected)).isEqualTo(false);
        assertThat(loader.hiddenRequests).as("only the probe").containsExactly("com.webauthn4j.WebAuthnManager");
        loader.hiddenRequests.clear();
        Object rp = Class.forName(RelyingParty.class.getName(), true, loader)
                .getConstructor(String.class, String.class, List.class)
                .newInstance("localhost", "Demo", List.of("http://localhost:8080"));
        assertThatThrownBy(() -> invoke(support, "verifiers", detected, rp))
                .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(ConfigException.class.getName()))
                .hasMessageContaining(PasskeySupport.ARTIFACT);
        assertThat(loader.hiddenRequests).isEmpty();

        // And the check is not vacuous: the verifiers do need webauthn4j as soon as they are linked.
        assertThatThrownBy(() -> Class.forName("dev.sessionauth.passkey.RegistrationVerifier", true, loader))
                .isInstanceOf(LinkageError.class);
        assertThat(loader.hiddenRequests).isNotEmpty().allMatch(n -> n.startsWith("com.webauthn4j."));
    }

    @Test
    void aWebauthn4jThatIsPresentButIncompleteIsAStartUpErrorNotANoClassDefFoundError() throws Exception {
        // The probes find webauthn4j, but one class our verifiers link against is missing, as with another version.
        HidingLoader loader = new HidingLoader(testLoader(),
                "com.webauthn4j.verifier.exception.MaliciousCounterValueException");
        Class<?> support = Class.forName(PasskeySupport.class.getName(), true, loader);
        Object detected = support.getMethod("detect").invoke(null);
        assertThat(support.getMethod("available").invoke(detected)).isEqualTo(true);
        Object rp = Class.forName(RelyingParty.class.getName(), true, loader)
                .getConstructor(String.class, String.class, List.class)
                .newInstance("localhost", "Demo", List.of("http://localhost:8080"));

        assertThatThrownBy(() -> invoke(support, "verifiers", detected, rp))
                .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(ConfigException.class.getName()))
                .hasMessageContaining("webauthn4j is on the class path but does not start (NoClassDefFoundError)")
                .hasMessageContaining(PasskeySupport.ARTIFACT);
    }

    private static Object invoke(Class<?> type, String method, Object target, Object argument) throws Throwable {
        try {
            return type.getMethod(method, argument.getClass()).invoke(target, argument);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
