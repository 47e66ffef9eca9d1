package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider settings, their presets and the messages that name a wrong setting and its fix. */
class ProviderSettingsTest {

    @Test
    void aGenericProviderWithoutIssuerIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ProviderSettings.fromSettings("keycloak",
                Map.of("clientId", "app", "clientSecret", "s3cret")))
                .isInstanceOf(ProviderConfigException.class)
                .hasMessageStartingWith("socialProviders.keycloak.issuer is not set")
                .hasMessageContaining("/.well-known/openid-configuration");
    }

    @Test
    void aMissingClientIdIsNamedWithTheEnvironmentVariableThatSetsIt() {
        assertThatThrownBy(() -> ProviderSettings.google(" ", "s3cret"))
                .isInstanceOf(ProviderConfigException.class)
                .hasMessageStartingWith("socialProviders.google.clientId is not set")
                .hasMessageContaining("SESSIONAUTH_SOCIALPROVIDERS_GOOGLE_CLIENTID");
    }

    @Test
    void theClientSecretNeverAppearsInAMessageOrInToString() {
        assertThatThrownBy(() -> ProviderSettings.google("app", "top-secret-value\n"))
                .hasMessageStartingWith("socialProviders.google.clientSecret has leading or trailing white space")
                .hasMessageNotContaining("top-secret-value");
        assertThat(ProviderSettings.google("app", "top-secret-value").toString())
                .doesNotContain("top-secret-value").contains("clientSecret=***");
    }

    @Test
    void anIssuerInClearTextIsRefusedExceptOnLocalhost() {
        assertThatThrownBy(() -> ProviderSettings.openIdConnect("corp", "app", "s", "http://idp.example.com"))
                .isInstanceOf(ProviderConfigException.class)
                .hasMessageStartingWith("socialProviders.corp.issuer is \"http://idp.example.com\": it must be an https URL");
        assertThat(ProviderSettings.openIdConnect("corp", "app", "s", "http://localhost:8080/realms/test").protocol())
                .isEqualTo(new Protocol.OpenIdConnect(
                        URI.create("http://localhost:8080/realms/test/.well-known/openid-configuration"),
                        new IssuerRule.Exact("http://localhost:8080/realms/test")));
    }

    @Test
    void anIssuerWithQueryOrFragmentIsRefused() {
        assertThatThrownBy(() -> ProviderSettings.openIdConnect("corp", "app", "s", "https://idp.example.com?x=1"))
                .hasMessageContaining("without query or fragment");
        assertThatThrownBy(() -> ProviderSettings.openIdConnect("corp", "app", "s", "https://idp.example.com#x"))
                .hasMessageContaining("without query or fragment");
    }

    @Test
    void aTrailingSlashOfTheIssuerIsDroppedForTheDiscoveryUrlOnly() {
        Protocol.OpenIdConnect protocol = (Protocol.OpenIdConnect) ProviderSettings
                .openIdConnect("corp", "app", "s", "https://idp.example.com/tenant/").protocol();
        assertThat(protocol.discoveryUrl())
                .isEqualTo(URI.create("https://idp.example.com/tenant/.well-known/openid-configuration"));
        assertThat(protocol.issuerRule()).isEqualTo(new IssuerRule.Exact("https://idp.example.com/tenant/"));
    }

    @Test
    void openIdConnectScopesWithoutOpenidAreRefused() {
        assertThatThrownBy(() -> ProviderSettings.google("app", "s").withScopes(List.of("email", "profile")))
                .hasMessageStartingWith("socialProviders.google.scopes lacks openid");
    }

    @Test
    void aScopeWithAQuoteOrABackslashIsRefused() {
        assertThatThrownBy(() -> ProviderSettings.google("app", "s").withScopes(List.of("openid", "a\"b")))
                .hasMessageStartingWith("socialProviders.google.scopes contains \"a\"b\"");
    }

    @Test
    void scopesAreSeparatedBySpacesOrCommasAndDuplicatesDropped() {
        ProviderSettings settings = ProviderSettings.fromSettings("google",
                Map.of("clientId", "app", "clientSecret", "s", "scopes", "openid, email  openid,https://x/y"));
        assertThat(settings.scopes()).containsExactly("openid", "email", "https://x/y");
    }

    @Test
    void anUnknownSettingIsNamedWithTheListOfSettings() {
        assertThatThrownBy(() -> ProviderSettings.fromSettings("google",
                Map.of("clientId", "app", "clientSecret", "s", "clientSecrets", "x")))
                .hasMessageStartingWith("socialProviders.google.clientSecrets is not a provider setting")
                .hasMessageContaining("clientId, clientSecret, issuer, scopes, name, tokenAuth, responseMode");
    }

    @Test
    void aWrongTokenAuthNamesTheTwoChoices() {
        assertThatThrownBy(() -> ProviderSettings.fromSettings("google",
                Map.of("clientId", "app", "clientSecret", "s", "tokenAuth", "basic")))
                .hasMessage("socialProviders.google.tokenAuth is \"basic\": use client_secret_basic (the default)"
                        + " or client_secret_post");
        assertThat(ProviderSettings.fromSettings("google",
                Map.of("clientId", "app", "clientSecret", "s", "tokenAuth", "client_secret_post")).tokenAuth())
                .isEqualTo(ProviderSettings.TokenAuth.CLIENT_SECRET_POST);
    }

    @Test
    void aProviderIdThatCannotBeAPathSegmentIsRefused() {
        assertThatThrownBy(() -> ProviderSettings.openIdConnect("my idp", "app", "s", "https://idp.example.com"))
                .hasMessageContaining("a provider id is 1 to 64 letters, digits, '-' or '_'");
    }

    @Test
    void googleIsItsIssuerWithTheDefaultScopesAndBasicAuthentication() {
        ProviderSettings google = ProviderSettings.google("app", "s");
        assertThat(google.protocol()).isEqualTo(new Protocol.OpenIdConnect(
                URI.create("https://accounts.google.com/.well-known/openid-configuration"),
                new IssuerRule.Exact("https://accounts.google.com", java.util.Set.of("accounts.google.com"))));
        assertThat(google.scopes()).containsExactly("openid", "email", "profile");
        assertThat(google.tokenAuth()).isEqualTo(ProviderSettings.TokenAuth.CLIENT_SECRET_BASIC);
        assertThat(google.name()).isEqualTo("Google");
    }

    @Test
    void microsoftDefaultsToTheCommonTenantAndReadsItsTemplatedDiscovery() {
        ProviderSettings microsoft = ProviderSettings.fromSettings("microsoft", Map.of("clientId", "app",
                "clientSecret", "s"));
        assertThat(microsoft.protocol()).isEqualTo(new Protocol.OpenIdConnect(
                URI.create("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"),
                new IssuerRule.Microsoft("https://login.microsoftonline.com", "common")));
    }

    @Test
    void aMicrosoftTenantIsAMultiTenantNameOrADirectoryIdNeverADomain() {
        assertThat(ProviderSettings.microsoft("app", "s", "72F988BF-86F1-41AF-91AB-2D7CD011DB47").protocol())
                .extracting(p -> ((Protocol.OpenIdConnect) p).issuerRule())
                .isEqualTo(new IssuerRule.Microsoft("https://login.microsoftonline.com",
                        "72f988bf-86f1-41af-91ab-2d7cd011db47"));
        assertThatThrownBy(() -> ProviderSettings.fromSettings("microsoft",
                Map.of("clientId", "app", "clientSecret", "s", "tenant", "contoso.onmicrosoft.com")))
                .hasMessageStartingWith("socialProviders.microsoft.tenant is \"contoso.onmicrosoft.com\"")
                .hasMessageContaining("directory (tenant) ID");
    }

    @Test
    void microsoftTakesTenantOrIssuerNotBoth() {
        assertThatThrownBy(() -> ProviderSettings.fromSettings("microsoft", Map.of("clientId", "app",
                "clientSecret", "s", "tenant", "common", "issuer", "https://login.microsoftonline.com/x/v2.0")))
                .hasMessageContaining("are both set");
    }

    @Test
    void aTenantOnAnotherProviderIsRefused() {
        assertThatThrownBy(() -> ProviderSettings.fromSettings("google",
                Map.of("clientId", "app", "clientSecret", "s", "tenant", "common")))
                .hasMessage("socialProviders.google.tenant is a setting of microsoft only: remove it");
    }

    @Test
    void gitHubIsOAuthWithoutIssuerAndSendsItsCredentialsInTheBody() {
        ProviderSettings github = ProviderSettings.github("app", "s");
        assertThat(github.isOpenIdConnect()).isFalse();
        assertThat(github.protocol()).isEqualTo(Protocol.GitHub.GITHUB_COM);
        assertThat(github.scopes()).containsExactly("read:user", "user:email");
        assertThat(github.tokenAuth()).isEqualTo(ProviderSettings.TokenAuth.CLIENT_SECRET_POST);
        assertThatThrownBy(() -> ProviderSettings.fromSettings("github",
                Map.of("clientId", "app", "clientSecret", "s", "issuer", "https://github.com")))
                .hasMessageContaining("GitHub is OAuth 2.0 without OpenID Connect and has no issuer");
        assertThatThrownBy(() -> github.withResponseMode(ProviderSettings.ResponseMode.FORM_POST))
                .hasMessageContaining("GitHub does not support");
    }

    @Test
    void appleAnswersByFormPostAndSendsItsCredentialsInTheBody() {
        ProviderSettings apple = ProviderSettings.apple("com.example.web", "eyJ.client.secret");
        assertThat(apple.responseMode()).isEqualTo(ProviderSettings.ResponseMode.FORM_POST);
        assertThat(apple.tokenAuth()).isEqualTo(ProviderSettings.TokenAuth.CLIENT_SECRET_POST);
        assertThat(apple.scopes()).containsExactly("openid", "email", "name");
        assertThat(((Protocol.OpenIdConnect) apple.protocol()).issuerRule())
                .isEqualTo(new IssuerRule.Exact("https://appleid.apple.com"));
    }

    @Test
    void aPresetsIssuerCanBeOverriddenForATestProvider() {
        ProviderSettings google = ProviderSettings.fromSettings("google",
                Map.of("clientId", "app", "clientSecret", "s", "issuer", "http://localhost:9000/google"));
        assertThat(((Protocol.OpenIdConnect) google.protocol()).issuerRule())
                .isEqualTo(new IssuerRule.Exact("http://localhost:9000/google"));
        assertThat(google.name()).isEqualTo("Google");
    }
}
