package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings of social sign-in as the app gives them ({@code socialProviders}, {@code socialProviders.<id>.*},
 * their environment variables): accepted when right, and each mistake stopping the start with a message that names
 * the setting and the fix.
 */
class SocialSettingsTest {

    private static SessionAuthBuilder builder(String... nameValuePairs) {
        SessionAuthBuilder builder = TestServer.engineBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            builder.set(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return builder;
    }

    private static List<SocialProvider> providers(SessionAuthBuilder builder) {
        try (SessionAuth auth = builder.build()) {
            return auth.feature(SocialSignIn.class).orElseThrow().providers();
        }
    }

    @Test
    void withoutProvidersTheFeatureIsOff() {
        try (SessionAuth auth = builder().build()) {
            assertThat(auth.feature(SocialSignIn.class)).isEmpty();
        }
    }

    @Test
    void presetsNeedOnlyTheirClientAndGenericProvidersTheirIssuer() {
        List<SocialProvider> providers = providers(builder("socialProviders", "google, github, keycloak",
                "socialProviders.google.clientId", "g-id", "socialProviders.google.clientSecret", "g-secret",
                "socialProviders.github.clientId", "gh-id", "socialProviders.github.clientSecret", "gh-secret",
                "socialProviders.keycloak.clientId", "kc-id", "socialProviders.keycloak.clientSecret", "kc-secret",
                "socialProviders.keycloak.issuer", "https://sso.example.com/realms/main",
                "socialProviders.keycloak.name", "Company SSO", "socialProviders.keycloak.tokenAuth",
                "client_secret_post", "socialProviders.keycloak.scopes", "openid email"));

        assertThat(providers).containsExactly(new SocialProvider("google", "Google"),
                new SocialProvider("github", "GitHub"), new SocialProvider("keycloak", "Company SSO"));
    }

    @Test
    void environmentVariablesNameEachProvidersSettings() {
        SessionAuthBuilder builder = TestServer.engineBuilder().environment(Map.of(
                "SESSIONAUTH_SOCIALPROVIDERS", "local",
                "SESSIONAUTH_SOCIALPROVIDERS_LOCAL_CLIENTID", "local-id",
                "SESSIONAUTH_SOCIALPROVIDERS_LOCAL_CLIENTSECRET", "local-secret",
                "SESSIONAUTH_SOCIALPROVIDERS_LOCAL_ISSUER", "http://localhost:9/local",
                "SESSIONAUTH_SOCIALPROVIDERS_LOCAL_NAME", "Local"));

        assertThat(providers(builder)).containsExactly(new SocialProvider("local", "Local"));
    }

    @Test
    void aMissingClientSecretStopsTheStartNamingTheSettingAndItsVariable() {
        assertThatThrownBy(() -> builder("socialProviders", "google", "socialProviders.google.clientId", "g").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("socialProviders.google.clientSecret is not set")
                .hasMessageContaining("SESSIONAUTH_SOCIALPROVIDERS_GOOGLE_CLIENTSECRET");
    }

    @Test
    void aGenericProviderWithoutIssuerStopsTheStart() {
        assertThatThrownBy(() -> builder("socialProviders", "keycloak", "socialProviders.keycloak.clientId", "k",
                "socialProviders.keycloak.clientSecret", "s").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("socialProviders.keycloak.issuer is not set");
    }

    @Test
    void anUnknownSettingUnderAConfiguredProviderStopsTheStart() {
        assertThatThrownBy(() -> builder("socialProviders", "google", "socialProviders.google.clientId", "g",
                "socialProviders.google.clientSecret", "s", "socialProviders.google.clientSercet", "typo").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting").hasMessageContaining("socialProviders.google.clientSercet")
                .hasMessageContaining("clientId, clientSecret, issuer, scopes, name, tokenAuth");
    }

    @Test
    void aSettingOfAProviderThatIsNotListedStopsTheStart() {
        assertThatThrownBy(() -> builder("socialProviders.gogle.clientId", "g").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("socialProviders.gogle.clientId is set, but gogle is not listed in"
                        + " socialProviders");
        assertThatThrownBy(() -> TestServer.engineBuilder().environment(Map.of("SESSIONAUTH_SOCIALPROVIDERS", "local",
                "SESSIONAUTH_SOCIALPROVIDERS_LOCAL_CLIENTID", "i", "SESSIONAUTH_SOCIALPROVIDERS_LOCAL_CLIENTSECRET", "s",
                "SESSIONAUTH_SOCIALPROVIDERS_LOCAL_ISSUER", "http://localhost:9/local",
                "SESSIONAUTH_SOCIALPROVIDERS_LOCL_NAME", "typo")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable SESSIONAUTH_SOCIALPROVIDERS_LOCL_NAME");
    }

    @Test
    void wrongValuesStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> builder("socialProviders", "keycloak", "socialProviders.keycloak.clientId", "k",
                "socialProviders.keycloak.clientSecret", "s", "socialProviders.keycloak.issuer",
                "http://sso.example.com/realms/main").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("socialProviders.keycloak.issuer")
                .hasMessageContaining("https");
        assertThatThrownBy(() -> builder("socialProviders", "google", "socialProviders.google.clientId", "g",
                "socialProviders.google.clientSecret", "s", "socialProviders.google.tokenAuth", "private_key_jwt")
                .build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("socialProviders.google.tokenAuth");
        assertThatThrownBy(() -> builder("socialProviders", "google, google").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("lists google twice");
    }

    @Test
    void aStrictSameSiteCookieStopsTheStartBecauseTheProvidersAnswerWouldLoseIt() {
        assertThatThrownBy(() -> builder("socialProviders", "github", "socialProviders.github.clientId", "g",
                "socialProviders.github.clientSecret", "s", "cookie.sameSite", "Strict").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cookie.sameSite")
                .hasMessageContaining("Lax");
    }
}
