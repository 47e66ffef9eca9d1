package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which issuers a provider may name: exact ones, Google's alias and Microsoft's tenants. */
class IssuerRuleTest {
    private static final String AUTHORITY = "https://login.microsoftonline.com";
    private static final String CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String FABRIKAM = "0b1b5f2e-5c4b-4e8a-9a7e-1d2c3b4a5f60";
    private static final String CONSUMERS = IssuerRule.Microsoft.CONSUMERS_TENANT_ID;

    private static Map<String, Object> token(String iss, String tid) {
        return Map.of("iss", iss, "tid", tid);
    }

    @Test
    void theCommonTenantPublishesTheTemplateAsItsIssuer() {
        IssuerRule common = new IssuerRule.Microsoft(AUTHORITY, "common");
        assertThat(common.acceptsDocumentIssuer(AUTHORITY + "/{tenantid}/v2.0")).isTrue();
        assertThat(common.acceptsDocumentIssuer(AUTHORITY + "/" + CONTOSO + "/v2.0")).isFalse();
    }

    @Test
    void theCommonTenantAcceptsATokenWhoseIssuerIsTheIssuerOfItsOwnTid() {
        IssuerRule common = new IssuerRule.Microsoft(AUTHORITY, "common");
        assertThat(common.acceptsTokenClaims(token(AUTHORITY + "/" + CONTOSO + "/v2.0", CONTOSO))).isTrue();
        assertThat(common.acceptsTokenClaims(token(AUTHORITY + "/" + CONSUMERS + "/v2.0", CONSUMERS))).isTrue();
        assertThat(common.accountIssuer(AUTHORITY + "/" + CONTOSO + "/v2.0")).isEqualTo(AUTHORITY + "/" + CONTOSO + "/v2.0");
    }

    @Test
    void aTokenWhoseIssuerNamesAnotherTenantThanItsTidIsRefused() {
        IssuerRule common = new IssuerRule.Microsoft(AUTHORITY, "common");
        assertThat(common.acceptsTokenClaims(token(AUTHORITY + "/" + FABRIKAM + "/v2.0", CONTOSO))).isFalse();
        assertThat(common.acceptsTokenClaims(Map.of("iss", AUTHORITY + "/" + CONTOSO + "/v2.0"))).isFalse();
        assertThat(common.acceptsTokenClaims(token(AUTHORITY + "/{tenantid}/v2.0", "{tenantid}"))).isFalse();
        assertThat(common.acceptsTokenClaims(token("https://evil.example/" + CONTOSO + "/v2.0", CONTOSO))).isFalse();
    }

    @Test
    void organizationsRefusesPersonalAccountsAndConsumersAcceptsOnlyThem() {
        IssuerRule organizations = new IssuerRule.Microsoft(AUTHORITY, "organizations");
        IssuerRule consumers = new IssuerRule.Microsoft(AUTHORITY, "consumers");
        Map<String, Object> personal = token(AUTHORITY + "/" + CONSUMERS + "/v2.0", CONSUMERS);
        Map<String, Object> work = token(AUTHORITY + "/" + CONTOSO + "/v2.0", CONTOSO);
        assertThat(organizations.acceptsTokenClaims(personal)).isFalse();
        assertThat(organizations.acceptsTokenClaims(work)).isTrue();
        assertThat(consumers.acceptsTokenClaims(personal)).isTrue();
        assertThat(consumers.acceptsTokenClaims(work)).isFalse();
        assertThat(consumers.acceptsDocumentIssuer(AUTHORITY + "/" + CONSUMERS + "/v2.0")).isTrue();
    }

    @Test
    void aSingleTenantAcceptsItsOwnIssuerOnly() {
        IssuerRule contoso = new IssuerRule.Microsoft(AUTHORITY, CONTOSO);
        assertThat(contoso.acceptsDocumentIssuer(AUTHORITY + "/" + CONTOSO + "/v2.0")).isTrue();
        assertThat(contoso.acceptsDocumentIssuer(AUTHORITY + "/{tenantid}/v2.0")).isFalse();
        assertThat(contoso.acceptsTokenClaims(token(AUTHORITY + "/" + CONTOSO + "/v2.0", CONTOSO))).isTrue();
        assertThat(contoso.acceptsTokenClaims(token(AUTHORITY + "/" + FABRIKAM + "/v2.0", FABRIKAM))).isFalse();
    }

    @Test
    void aMultiTenantResponseIssuerMustNameAnAdmittedTenant() {
        IssuerRule organizations = new IssuerRule.Microsoft(AUTHORITY, "organizations");
        assertThat(organizations.acceptsResponseIssuer(AUTHORITY + "/" + CONTOSO + "/v2.0")).isTrue();
        assertThat(organizations.acceptsResponseIssuer(AUTHORITY + "/" + CONSUMERS + "/v2.0")).isFalse();
        assertThat(organizations.acceptsResponseIssuer(AUTHORITY + "/v2.0")).isFalse();
        assertThat(organizations.acceptsResponseIssuer("https://evil.example/" + CONTOSO + "/v2.0")).isFalse();
    }

    @Test
    void googlesSchemelessSpellingIsAcceptedInTokensOnlyAndRecordedUnderTheIssuer() {
        IssuerRule google = new IssuerRule.Exact("https://accounts.google.com", Set.of("accounts.google.com"));
        assertThat(google.acceptsTokenClaims(Map.of("iss", "accounts.google.com"))).isTrue();
        assertThat(google.accountIssuer("accounts.google.com")).isEqualTo("https://accounts.google.com");
        assertThat(google.acceptsDocumentIssuer("accounts.google.com")).isFalse();
        assertThat(google.acceptsResponseIssuer("accounts.google.com")).isFalse();
    }

    @Test
    void anExactIssuerIsComparedCharacterForCharacter() {
        IssuerRule exact = new IssuerRule.Exact("https://idp.example.com");
        assertThat(exact.acceptsDocumentIssuer("https://idp.example.com/")).isFalse();
        assertThat(exact.acceptsTokenClaims(Map.of("iss", "https://IDP.example.com"))).isFalse();
        assertThat(exact.acceptsTokenClaims(Map.of("iss", "https://idp.example.com"))).isTrue();
    }
}
