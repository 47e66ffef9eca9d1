package dev.sessionauth.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.SessionAuth;
import dev.sessionauth.testing.TestServer;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How the engine starts with passkeys configured: off by default, on with what {@code passkey.*}, {@code baseURL} and
 * {@code trustedOrigins} say, stopped with a message naming the setting (or the Maven artifact) to fix.
 */
class PasskeyStartUpTest {
    @Test
    void passkeysFollowBaseUrlAndTrustedOriginsWhenNothingElseIsSet() {
        try (SessionAuth auth = TestServer.engineBuilder().set("passkey.enabled", "true")
                .set("baseURL", "https://app.example.com").set("trustedOrigins", "https://admin.app.example.com, "
                        + "https://partner.example.org").build()) {
            RelyingParty rp = auth.feature(Passkeys.class).orElseThrow().relyingParty();
            assertThat(rp.id()).isEqualTo("app.example.com");
            assertThat(rp.origins()).containsExactly("https://app.example.com", "https://admin.app.example.com");
        }
    }

    @Test
    void explicitSettingsWin() {
        try (SessionAuth auth = TestServer.engineBuilder().set("passkey.enabled", "true")
                .set("baseURL", "https://app.example.com").set("passkey.rpId", "example.com")
                .set("passkey.rpName", "Example").set("passkey.origins", "https://example.com,https://app.example.com")
                .build()) {
            RelyingParty rp = auth.feature(Passkeys.class).orElseThrow().relyingParty();
            assertThat(rp).isEqualTo(new RelyingParty("example.com", "Example",
                    java.util.List.of("https://example.com", "https://app.example.com")));
        }
    }

    @Test
    void anIpAddressOrNoAddressAtAllStopsStartUpNamingWhatToSet() {
        assertThatThrownBy(() -> TestServer.engineBuilder().set("passkey.enabled", "true")
                .set("baseURL", "http://127.0.0.1:8080").build())
                .hasMessageContaining("passkey.rpId").hasMessageContaining("IP address");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("passkey.enabled", "true").build())
                .hasMessageContaining("baseURL").hasMessageContaining("passkey.rpId=localhost");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("passkey.enabeld", "true").build())
                .hasMessageContaining("passkey.enabeld");
    }

    @Test
    void withoutWebauthn4jTheEngineStartsWithPasskeysOffAndStopsNamingTheArtifactWhenTheyAreOn() throws Exception {
        PasskeySupportTest.HidingLoader loader = new PasskeySupportTest.HidingLoader(
                PasskeyStartUpTest.class.getClassLoader(), "com.webauthn4j.", "tools.jackson.");

        try (AutoCloseable off = build(loader, Map.of())) {
            assertThat(off).isNotNull();
        }
        assertThatThrownBy(() -> build(loader, Map.of("passkey.enabled", "true", "passkey.rpId", "localhost")))
                .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo("ConfigException"))
                .hasMessageContaining(PasskeySupport.ARTIFACT);
        assertThat(loader.hiddenRequests).allMatch(n -> n.equals("com.webauthn4j.WebAuthnManager"));
    }

    /** {@code SessionAuth.builder()...build()} inside {@code loader}, through reflection. */
    private static AutoCloseable build(ClassLoader loader, Map<String, String> settings) throws Exception {
        Class<?> entry = Class.forName(SessionAuth.class.getName(), true, loader);
        Object builder = entry.getMethod("builder").invoke(null);
        Class<?> type = builder.getClass();
        builder = type.getMethod("systemProperties", Properties.class).invoke(builder, new Properties());
        builder = type.getMethod("environment", Map.class).invoke(builder, Map.of());
        builder = type.getMethod("set", String.class, String.class).invoke(builder, "secret", TestServer.SECRET);
        builder = type.getMethod("set", String.class, String.class).invoke(builder, "jdbc.url",
                "jdbc:h2:mem:nowebauthn-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        for (Map.Entry<String, String> s : settings.entrySet()) {
            builder = type.getMethod("set", String.class, String.class).invoke(builder, s.getKey(), s.getValue());
        }
        try {
            return (AutoCloseable) type.getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
