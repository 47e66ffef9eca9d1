package dev.sessionauth.passkey;

import dev.sessionauth.config.ConfigException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether passkeys can work here: webauthn4j, the optional dependency that verifies WebAuthn, must be on the class
 * path, with what it needs at run time. Found by {@code Class.forName} without initialising anything, so this class
 * (like every class of the library but the two verifiers and their shared set-up) loads and runs without webauthn4j.
 *
 * <p>At start-up, with {@code passkey.enabled=true}: {@link #requireAvailable()} stops start-up with a message naming
 * the Maven artifact to add; then {@link #verifiers(RelyingParty)} is the only way to the webauthn4j-facing classes.
 */
public final class PasskeySupport {
    /** The Maven coordinates of the webauthn4j build SessionAuth is compiled and tested against. */
    public static final String ARTIFACT = "com.webauthn4j:webauthn4j-core:0.32.0.RELEASE";

    private static final System.Logger LOG = System.getLogger(PasskeySupport.class.getName());

    private static final String WEBAUTHN4J_PROBE = "com.webauthn4j.WebAuthnManager";
    private static final String CBOR_PROBE = "tools.jackson.dataformat.cbor.CBORMapper";
    /** In jackson-annotations since 2.21; webauthn4j's Jackson 3 needs it as soon as it starts. */
    private static final String ANNOTATIONS_PROBE = "com.fasterxml.jackson.annotation.JsonSerializeAs";

    private static final String ADD = "passkey.enabled=true needs webauthn4j to verify passkeys, and it is not on the "
            + "class path: add " + ARTIFACT + " to the application (Maven: <dependency><groupId>com.webauthn4j"
            + "</groupId><artifactId>webauthn4j-core</artifactId><version>0.32.0.RELEASE</version></dependency>), "
            + "or set passkey.enabled=false";
    private static final String CBOR = "passkey.enabled=true: webauthn4j is on the class path without its CBOR codec "
            + "(tools.jackson.dataformat:jackson-dataformat-cbor, which " + ARTIFACT + " brings); do not exclude it, "
            + "or set passkey.enabled=false";
    private static final String ANNOTATIONS = "passkey.enabled=true: webauthn4j needs "
            + "com.fasterxml.jackson.core:jackson-annotations 2.21 or later, and an older one is on the class path "
            + "(jackson-databind 2.20 brings 2.20). Add com.fasterxml.jackson.core:jackson-annotations:2.22 to the "
            + "application's <dependencyManagement>, or set passkey.enabled=false";

    private final String problem;

    private PasskeySupport(String problem) {
        this.problem = problem;
    }

    /** What the class loader that loaded SessionAuth can see: the one the verifiers will link against. */
    public static PasskeySupport detect() {
        return detect(PasskeySupport.class.getClassLoader());
    }

    /**
     * What {@code loader} can see: pass the application's class loader (the web app's, where SessionAuth and
     * webauthn4j normally sit side by side in {@code WEB-INF/lib}).
     */
    public static PasskeySupport detect(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        if (!present(WEBAUTHN4J_PROBE, loader)) {
            return new PasskeySupport(ADD);
        }
        if (!present(CBOR_PROBE, loader)) {
            return new PasskeySupport(CBOR);
        }
        if (!present(ANNOTATIONS_PROBE, loader)) {
            return new PasskeySupport(ANNOTATIONS);
        }
        return new PasskeySupport(null);
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether the verifiers can be made. */
    public boolean available() {
        return problem == null;
    }

    /** Why not, as a start-up error that says what to add; empty when available. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Stops start-up when passkeys cannot work: call it when {@code passkey.enabled=true}.
     *
     * @throws ConfigException naming the artifact to add
     */
    public void requireAvailable() {
        if (problem != null) {
            throw new ConfigException(problem);
        }
    }

    /**
     * The verifiers for {@code relyingParty}: the first (and only) place webauthn4j's classes are loaded.
     *
     * @throws ConfigException when webauthn4j is missing or does not start (an incompatible version)
     */
    public PasskeyVerifiers verifiers(RelyingParty relyingParty) {
        Objects.requireNonNull(relyingParty, "relyingParty");
        requireAvailable();
        try {
            Webauthn4j webauthn4j = new Webauthn4j();
            return new PasskeyVerifiers(new RegistrationVerifier(relyingParty, webauthn4j),
                    new AuthenticationVerifier(relyingParty, webauthn4j));
        } catch (LinkageError e) {
            // Present but not usable (linking the verifiers is where that shows): another webauthn4j or Jackson 3
            // version than the one SessionAuth is built against, or a part of it left out.
            LOG.log(Level.ERROR, "webauthn4j did not start", e);
            throw new ConfigException("passkey.enabled=true: webauthn4j is on the class path but does not start ("
                    + e.getClass().getSimpleName() + "); use " + ARTIFACT + " and the Jackson versions it brings, "
                    + "or set passkey.enabled=false");
        }
    }
}
