package dev.sessionauth.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * The demo's development OpenID provider, switched on by {@code SESSIONAUTH_DEMO_OIDC=dev} (or the system property
 * {@code demo.oidc=dev}, which {@code mvn jetty:run -Pdev-oidc} sets): mock-oauth2-server on a free port of this
 * machine, with a login page that asks for an e-mail address, so "Sign in with Local test provider" works with no
 * account anywhere. What SessionAuth is told is exactly what an app writes for Keycloak or any OpenID provider:
 * {@code socialProviders} and {@code socialProviders.local.*}.
 */
final class DevProvider implements AutoCloseable {
    /** The provider's id: the callback is {@code /api/auth/callback/local}. */
    static final String ID = "local";
    private static final String SWITCH_PROPERTY = "demo.oidc";
    private static final String SWITCH_VARIABLE = "SESSIONAUTH_DEMO_OIDC";

    private final MockOAuth2Server server;
    private final Path loginPage;

    private DevProvider(MockOAuth2Server server, Path loginPage) {
        this.server = server;
        this.loginPage = loginPage;
    }

    /** Whether the switch asks for the development provider. */
    static boolean requested() {
        String value = System.getProperty(SWITCH_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(SWITCH_VARIABLE);
        }
        return "dev".equals(value == null ? null : value.trim());
    }

    /** The environment without the demo's own switch, which SessionAuth would refuse as an unknown setting. */
    static Map<String, String> environmentForSessionAuth() {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.remove(SWITCH_VARIABLE);
        return environment;
    }

    /** Starts the provider on a free port of {@code localhost}. */
    static DevProvider start() {
        try {
            Path page = Files.createTempFile("sessionauth-demo-provider-login", ".html");
            try (InputStream in = DevProvider.class.getResourceAsStream("dev-provider-login.html")) {
                Files.write(page, in.readAllBytes());
            }
            page.toFile().deleteOnExit();
            // Interactive: every sign-in shows the login page above (the provider reads the file at each request).
            MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, page.toString(), null, false,
                    new OAuth2TokenProvider(), Set.of(), new MockWebServerWrapper()));
            server.start();
            return new DevProvider(server, page);
        } catch (IOException e) {
            throw new UncheckedIOException("the development OpenID provider could not start", e);
        }
    }

    /** Its issuer, e.g. {@code http://localhost:40123/local}. */
    String issuer() {
        return server.issuerUrl(ID).toString();
    }

    /** The settings that make it a provider of the demo, as an app would write them. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("socialProviders", ID);
        settings.put("socialProviders." + ID + ".clientId", "sessionauth-demo");
        // The development provider checks no secret; a real one does.
        settings.put("socialProviders." + ID + ".clientSecret", "development-only-secret");
        settings.put("socialProviders." + ID + ".issuer", issuer());
        settings.put("socialProviders." + ID + ".name", "Local test provider");
        return settings;
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            Files.deleteIfExists(loginPage);
        } catch (IOException ignored) {
            // a temporary file; deleteOnExit has it too
        }
    }
}
