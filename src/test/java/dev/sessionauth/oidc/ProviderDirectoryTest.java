package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Background discovery and its retries, against mock-oauth2-server with a switch that takes one issuer's discovery
 * down; retries run on a {@link ManualScheduler}, so time moves only when the test says.
 */
class ProviderDirectoryTest {
    private static final AtomicBoolean DOWN = new AtomicBoolean();
    private static MockOAuth2Server server;

    private final ManualScheduler scheduler = new ManualScheduler();

    /** While {@link #DOWN} is set, the {@code flaky} issuer's discovery answers 503; else the mock's own route does. */
    private static final class Outage implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return DOWN.get() && request.getUrl().encodedPath().endsWith("/flaky/.well-known/openid-configuration");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return MockIdp.answer(503, "text/plain", "down for maintenance");
        }
    }

    @BeforeAll
    static void startProvider() {
        OAuth2Config config = new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(new TestKeys(TestKeys.rsa("dir-key"))), Set.of(), new MockWebServerWrapper());
        server = new MockOAuth2Server(config, new Outage());
        server.start();
    }

    @AfterAll
    static void stopProvider() {
        server.shutdown();
    }

    @BeforeEach
    void providerUp() {
        DOWN.set(false);
    }

    private static ProviderSettings provider(String id, String issuerId) {
        return ProviderSettings.openIdConnect(id, "client", "secret", server.issuerUrl(issuerId).toString());
    }

    private ProviderDirectory directory(ProviderSettings... providers) {
        return new ProviderDirectory(List.of(providers), OidcHttp.defaults(), Clock.systemUTC(), scheduler,
                Backoff.DEFAULT);
    }

    @Test
    void aProviderIsUnavailableUntilItsDiscoveryLoadsThenRecoversThroughTheBackgroundRetry() {
        DOWN.set(true);
        ProviderDirectory directory = directory(provider("flaky", "flaky"));
        directory.start();
        assertThatThrownBy(() -> directory.client("flaky")).as("before the first try")
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("has not been loaded yet");

        scheduler.runDue();
        assertThatThrownBy(() -> directory.client("flaky"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered HTTP 503")
                .hasFieldOrPropertyWithValue("providerId", "flaky");
        assertThat(scheduler.waiting()).containsExactly(Duration.ofSeconds(1));

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(scheduler.waiting()).as("the wait doubles").containsExactly(Duration.ofSeconds(2));

        DOWN.set(false);
        scheduler.advance(Duration.ofMillis(1999));
        assertThatThrownBy(() -> directory.client("flaky")).isInstanceOf(ProviderUnavailableException.class);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(directory.client("flaky")).get().extracting(OidcClient::providerId).isEqualTo("flaky");
        assertThat(scheduler.waiting()).as("no more retries").isEmpty();
    }

    @Test
    void aLoadedProviderSignsIn() {
        ProviderDirectory directory = directory(provider("mock", "loaded"));
        directory.start();
        scheduler.runDue();

        OidcClient client = directory.client("mock").orElseThrow();
        AuthorizationRedirect redirect = client.begin(java.net.URI.create("http://localhost:9999/cb"));
        assertThat(redirect.url().toString()).startsWith(server.authorizationEndpointUrl("loaded").toString() + "?");
    }

    @Test
    void startingTwiceLoadsOnce() {
        DOWN.set(true);
        ProviderDirectory directory = directory(provider("flaky", "flaky"));
        directory.start();
        directory.start();
        scheduler.runDue();
        assertThat(scheduler.waiting()).as("one retry, not two").containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void anUnknownProviderIsAbsentNotUnavailable() {
        ProviderDirectory directory = directory(provider("mock", "issuer1"));
        directory.start();
        assertThat(directory.client("nope")).isEmpty();
        assertThat(directory.providerIds()).containsExactly("mock");
    }

    @Test
    void gitHubIsReadyWithoutDiscovery() {
        ProviderDirectory directory = directory(ProviderSettings.github("gh", "secret"));
        directory.start();
        assertThat(directory.client("github")).isPresent();
        assertThat(scheduler.waiting()).isEmpty();
    }

    @Test
    void closingStopsTheRetries() {
        DOWN.set(true);
        ProviderDirectory directory = directory(provider("flaky", "flaky"));
        directory.start();
        scheduler.runDue();
        assertThat(scheduler.waiting()).hasSize(1);

        directory.close();
        assertThat(scheduler.isClosed()).isTrue();
        assertThat(scheduler.waiting()).isEmpty();
    }

    @Test
    void aProviderConfiguredTwiceIsRefused() {
        assertThatThrownBy(() -> directory(provider("mock", "a"), provider("mock", "b")))
                .isInstanceOf(ProviderConfigException.class)
                .hasMessage("socialProviders.mock is configured twice: keep one");
    }

    @Test
    void aProviderThatCannotAnswerAsConfiguredIsUnavailableWithTheSettingNamed() {
        // The mock lists form_post; a provider document without it would make this setting impossible.
        ProviderSettings settings = provider("mock", "issuer1").withResponseMode(ProviderSettings.ResponseMode.FORM_POST);
        ProviderMetadata metadata = new Discovery(OidcHttp.defaults())
                .fetch("mock", (Protocol.OpenIdConnect) settings.protocol());
        ProviderMetadata queryOnly = new ProviderMetadata(metadata.issuer(), metadata.authorizationEndpoint(),
                metadata.tokenEndpoint(), metadata.jwksUri(), metadata.userinfoEndpoint(),
                metadata.idTokenSigningAlgorithms(), metadata.codeChallengeMethods(), List.of("query"),
                metadata.tokenEndpointAuthMethods(), false);
        assertThatThrownBy(() -> OidcClient.openIdConnect(settings, queryOnly, OidcHttp.defaults(), Clock.systemUTC()))
                .isInstanceOf(ProviderConfigException.class)
                .hasMessageStartingWith("socialProviders.mock.responseMode is form_post");
    }

    @Test
    void theRealSchedulerLoadsInTheBackgroundAndStopsOnClose() throws InterruptedException {
        try (ProviderDirectory directory = new ProviderDirectory(List.of(provider("mock", "background")),
                OidcHttp.defaults(), Clock.systemUTC(), Scheduler.daemonThread("test-discovery"), Backoff.DEFAULT)) {
            directory.start();
            // Polls for the background load; no timing is asserted, the bound only keeps a broken build from hanging.
            for (int i = 0; i < 250 && !ready(directory); i++) {
                Thread.sleep(20);
            }
            assertThat(directory.client("mock")).isPresent();
        }
    }

    private static boolean ready(ProviderDirectory directory) {
        try {
            return directory.client("mock").isPresent();
        } catch (ProviderUnavailableException notYet) {
            return false;
        }
    }
}
