package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's multi-tenant endpoints, played by mock-oauth2-server: an extra route serves the {@code common} (and
 * {@code organizations}) discovery document as Microsoft does, with the issuer template
 * {@code <authority>/{tenantid}/v2.0}, and each ID token carries its own tenant's issuer and {@code tid}.
 */
class MicrosoftTest {
    private static final String CLIENT_ID = "ms-client";
    private static final String CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String FABRIKAM = "0b1b5f2e-5c4b-4e8a-9a7e-1d2c3b4a5f60";
    private static final URI CALLBACK = URI.create("https://app.example/api/auth/callback/microsoft");
    private static final OidcHttp HTTP = OidcHttp.defaults();

    private static MockOAuth2Server server;
    private static String authority;

    @BeforeAll
    static void startProvider() {
        OAuth2Config config = new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(new TestKeys(TestKeys.rsa("ms-key"))), Set.of(), new MockWebServerWrapper());
        server = new MockOAuth2Server(config, multiTenantDocument("common"), multiTenantDocument("organizations"));
        server.start();
        String base = server.baseUrl().toString();
        authority = base.substring(0, base.length() - 1);
    }

    @AfterAll
    static void stopProvider() {
        server.shutdown();
    }

    private static Route multiTenantDocument(String tenant) {
        return MockIdp.route("/" + tenant + "/v2.0/.well-known/openid-configuration", "GET", req -> {
            String endpoints = server.issuerUrl(tenant + "/v2.0").toString();
            return MockIdp.answer(200, "application/json", "{\"issuer\":\"" + authority + "/{tenantid}/v2.0\","
                    + "\"authorization_endpoint\":\"" + endpoints + "/authorize\",\"token_endpoint\":\"" + endpoints
                    + "/token\",\"jwks_uri\":\"" + endpoints + "/jwks\",\"userinfo_endpoint\":\"" + endpoints
                    + "/userinfo\",\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                    + "\"response_modes_supported\":[\"query\",\"fragment\",\"form_post\"]}");
        });
    }

    private static OidcClient client(String tenant) {
        ProviderSettings settings = ProviderSettings.microsoft(CLIENT_ID, "ms-secret", tenant, authority);
        ProviderMetadata metadata = new Discovery(HTTP).fetch("microsoft", (Protocol.OpenIdConnect) settings.protocol());
        return OidcClient.openIdConnect(settings, metadata, HTTP, Clock.systemUTC());
    }

    private static String issuerOf(String tenantId) {
        return authority + "/" + tenantId + "/v2.0";
    }

    private static DefaultOAuth2TokenCallback token(String tenant, String iss, String tid) {
        return new DefaultOAuth2TokenCallback(tenant + "/v2.0", "pairwise-sub", "JWT", List.of(CLIENT_ID),
                Map.of("iss", iss, "tid", tid, "email", "ann@contoso.example", "name", "Ann"), 3600);
    }

    @Test
    void theCommonTenantsTemplatedDocumentLoads() {
        ProviderSettings settings = ProviderSettings.microsoft(CLIENT_ID, "ms-secret", "common", authority);
        ProviderMetadata metadata = new Discovery(HTTP).fetch("microsoft", (Protocol.OpenIdConnect) settings.protocol());
        assertThat(metadata.issuer()).isEqualTo(authority + "/{tenantid}/v2.0");
    }

    @Test
    void aSingleTenantAcceptsOnlyADocumentWithItsOwnIssuer() {
        // The mock serves a document for any path; one for tenant CONTOSO names the mock's own issuer for that path.
        ProviderSettings settings = ProviderSettings.microsoft(CLIENT_ID, "ms-secret", CONTOSO, authority);
        assertThat(new Discovery(HTTP).fetch("microsoft", (Protocol.OpenIdConnect) settings.protocol()).issuer())
                .isEqualTo(issuerOf(CONTOSO));
        ProviderSettings wrong = ProviderSettings.microsoft(CLIENT_ID, "ms-secret", FABRIKAM, authority)
                .withProtocol(new Protocol.OpenIdConnect(
                        URI.create(authority + "/common/v2.0/.well-known/openid-configuration"),
                        new IssuerRule.Microsoft(authority, FABRIKAM)));
        assertThatThrownBy(() -> new Discovery(HTTP).fetch("microsoft", (Protocol.OpenIdConnect) wrong.protocol()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("not Microsoft's issuer for the tenant \"" + FABRIKAM + "\"");
    }

    @Test
    void aCommonSignInAcceptsTheIssuerOfTheTenantItsTidNames() {
        OidcClient client = client("common");
        server.enqueueCallback(token("common", issuerOf(CONTOSO), CONTOSO));
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        IdentityClaims identity = client.finish(redirect.pending(), MockIdp.authorize(redirect), CALLBACK);

        assertThat(identity.issuer()).isEqualTo(issuerOf(CONTOSO));
        assertThat(identity.tenantId()).contains(CONTOSO);
        assertThat(identity.subject()).isEqualTo("pairwise-sub");
    }

    @Test
    void aTokenWhoseIssuerNamesAnotherTenantThanItsTidIsRefused() {
        OidcClient client = client("common");
        server.enqueueCallback(token("common", issuerOf(FABRIKAM), CONTOSO));
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        assertThatThrownBy(() -> client.finish(redirect.pending(), callback, CALLBACK))
                .isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", OidcFailure.ID_TOKEN_ISSUER_MISMATCH);
    }

    @Test
    void anIssParameterOfAnotherTenantThanTheTokensIsRefused() {
        OidcClient client = client("common");
        server.enqueueCallback(token("common", issuerOf(CONTOSO), CONTOSO));
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        CallbackParams otherTenant = new CallbackParams(callback.code(), callback.state(),
                Optional.of(issuerOf(FABRIKAM)), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> client.finish(redirect.pending(), otherTenant, CALLBACK))
                .isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", OidcFailure.ISSUER_MISMATCH);
    }

    @Test
    void organizationsRefusesAPersonalAccountsIdToken() {
        OidcClient client = client("organizations");
        String consumers = IssuerRule.Microsoft.CONSUMERS_TENANT_ID;
        String personal = server.issueToken("organizations/v2.0", CLIENT_ID,
                token("organizations", issuerOf(consumers), consumers)).serialize();
        String work = server.issueToken("organizations/v2.0", CLIENT_ID,
                token("organizations", issuerOf(CONTOSO), CONTOSO)).serialize();

        assertThat(client.verifyIdToken(work).issuer()).isEqualTo(issuerOf(CONTOSO));
        assertThatThrownBy(() -> client.verifyIdToken(personal)).isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", OidcFailure.ID_TOKEN_ISSUER_MISMATCH);
    }
}
