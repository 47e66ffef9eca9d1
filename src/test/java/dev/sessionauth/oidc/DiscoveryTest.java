package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery against mock-oauth2-server, with extra routes for documents a real provider should never serve. */
class DiscoveryTest {
    private static MockOAuth2Server server;
    private final Discovery discovery = new Discovery(OidcHttp.defaults());

    @BeforeAll
    static void startProvider() {
        server = new MockOAuth2Server(
                MockIdp.route("/html/.well-known/openid-configuration", "GET",
                        req -> MockIdp.answer(200, "text/html", "<html>Sign in</html>")),
                MockIdp.route("/down/.well-known/openid-configuration", "GET",
                        req -> MockIdp.answer(503, "text/plain", "maintenance")),
                MockIdp.route("/hmac/.well-known/openid-configuration", "GET",
                        req -> MockIdp.answer(200, "application/json", document("hmac", "[\"HS256\"]", ""))),
                MockIdp.route("/iss9207/.well-known/openid-configuration", "GET",
                        req -> MockIdp.answer(200, "application/json", document("iss9207", "[\"RS256\"]",
                                ",\"authorization_response_iss_parameter_supported\":true"))),
                MockIdp.route("/cleartext/.well-known/openid-configuration", "GET",
                        req -> MockIdp.answer(200, "application/json", document("cleartext", "[\"RS256\"]", "")
                                .replace(issuer("cleartext") + "/token", "http://tokens.example/token"))));
        server.start();
    }

    @AfterAll
    static void stopProvider() {
        server.shutdown();
    }

    private static String issuer(String id) {
        return server.issuerUrl(id).toString();
    }

    private static String document(String id, String algorithms, String more) {
        return "{\"issuer\":\"" + issuer(id) + "\",\"authorization_endpoint\":\"" + issuer(id) + "/authorize\","
                + "\"token_endpoint\":\"" + issuer(id) + "/token\",\"jwks_uri\":\"" + issuer(id) + "/jwks\","
                + "\"id_token_signing_alg_values_supported\":" + algorithms + more + "}";
    }

    private static Protocol.OpenIdConnect protocol(String id) {
        return Protocol.OpenIdConnect.forIssuer(issuer(id));
    }

    @Test
    void theProvidersDocumentIsReadWithEveryFieldSessionAuthUses() {
        ProviderMetadata metadata = discovery.fetch("mock", protocol("issuer1"));

        assertThat(metadata.issuer()).isEqualTo(issuer("issuer1"));
        assertThat(metadata.authorizationEndpoint()).isEqualTo(URI.create(server.authorizationEndpointUrl("issuer1").toString()));
        assertThat(metadata.tokenEndpoint()).isEqualTo(URI.create(server.tokenEndpointUrl("issuer1").toString()));
        assertThat(metadata.jwksUri()).isEqualTo(URI.create(server.jwksUrl("issuer1").toString()));
        assertThat(metadata.userinfoEndpoint()).contains(URI.create(server.userInfoUrl("issuer1").toString()));
        assertThat(metadata.idTokenSigningAlgorithms()).contains("RS256", "PS256", "ES256");
        assertThat(metadata.codeChallengeMethods()).containsExactly("plain", "S256");
        assertThat(metadata.responseModes()).containsExactly("query", "fragment", "form_post");
        assertThat(metadata.issParameterSupported()).isFalse();
    }

    @Test
    void theRfc9207FlagIsRead() {
        assertThat(discovery.fetch("mock", protocol("iss9207")).issParameterSupported()).isTrue();
    }

    @Test
    void aDocumentNamingAnotherIssuerIsRefused() {
        // Configured with a trailing slash: the document is found, but its issuer is not spelled the same.
        Protocol.OpenIdConnect slashed = Protocol.OpenIdConnect.forIssuer(issuer("issuer1") + "/");
        assertThatThrownBy(() -> discovery.fetch("mock", slashed))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("names the issuer \"" + issuer("issuer1") + "\", not the configured \""
                        + issuer("issuer1") + "/\"")
                .hasMessageContaining("socialProviders.mock.issuer");
    }

    @Test
    void aDocumentThatIsNotJsonIsRefusedWithoutLibraryText() {
        assertThatThrownBy(() -> discovery.fetch("mock", protocol("html")))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageEndingWith("is not a JSON object")
                .hasMessageNotContaining("Unexpected character").hasMessageNotContaining("jackson")
                .hasFieldOrPropertyWithValue("providerId", "mock");
    }

    @Test
    void anErrorStatusIsRefused() {
        assertThatThrownBy(() -> discovery.fetch("mock", protocol("down")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageEndingWith("answered HTTP 503");
    }

    @Test
    void aProviderThatSignsOnlyWithHmacIsRefused() {
        assertThatThrownBy(() -> discovery.fetch("mock", protocol("hmac")))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("advertises no ID token signing algorithm SessionAuth accepts");
    }

    @Test
    void anEndpointInClearTextOffLocalhostIsRefused() {
        assertThatThrownBy(() -> discovery.fetch("mock", protocol("cleartext")))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("gives token_endpoint \"http://tokens.example/token\", which is not an https URL");
    }

    @Test
    void anUnreachableProviderIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> discovery.fetch("mock", Protocol.OpenIdConnect.forIssuer("http://127.0.0.1:" + closedPort)))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("could not be fetched")
                .hasMessageContaining("refused or did not accept the connection");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsUnavailable() throws IOException {
        try (StubServer stub = new StubServer().hang("/slow/.well-known/openid-configuration")) {
            Discovery impatient = new Discovery(new OidcHttp(Duration.ofMillis(300), Duration.ofMillis(300)));
            assertThatThrownBy(() -> impatient.fetch("slow",
                    new Protocol.OpenIdConnect(stub.uri("/slow/.well-known/openid-configuration"),
                            new IssuerRule.Exact(stub.uri("/slow").toString()))))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("did not answer within 300 ms");
        }
    }

    @Test
    void missingListsHaveTheSpecificationsDefaults() {
        URI any = URI.create("https://idp.example.com/x");
        ProviderMetadata bare = new ProviderMetadata("https://idp.example.com", any, any, any, Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), false);
        assertThat(bare.idTokenSigningAlgorithms()).containsExactly("RS256");
        assertThat(bare.supportsResponseMode(ProviderSettings.ResponseMode.QUERY)).isTrue();
        assertThat(bare.supportsResponseMode(ProviderSettings.ResponseMode.FORM_POST)).isFalse();
    }
}
