package dev.sessionauth.oidc;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which issuer an OpenID Connect provider may name: in its discovery document, in an ID token's {@code iss}, and in
 * the RFC 9207 {@code iss} parameter of the authorization response. Most providers have one issuer compared
 * exactly; Microsoft's multi-tenant endpoints publish a template and sign each token with its tenant's issuer.
 */
public sealed interface IssuerRule permits IssuerRule.Exact, IssuerRule.Microsoft {

    /** Whether the discovery document's {@code issuer} is the one this provider must publish. */
    boolean acceptsDocumentIssuer(String documentIssuer);

    /** Whether an ID token with these claims ({@code iss}, and {@code tid} where it matters) comes from this provider. */
    boolean acceptsTokenClaims(Map<String, Object> claims);

    /** Whether an RFC 9207 {@code iss} authorization response parameter names this provider. */
    boolean acceptsResponseIssuer(String iss);

    /** The issuer an account of this provider is recorded under, given a token's accepted {@code iss}. */
    String accountIssuer(String acceptedIss);

    /**
     * One issuer, compared exactly (OpenID Connect Discovery 1.0 §4.3, Core §3.1.3.7), plus spellings the provider is
     * known to put into ID tokens for the same issuer: Google signs some tokens with {@code accounts.google.com}
     * (no scheme), documented as equivalent. Accounts are recorded under {@code issuer} whatever the spelling.
     */
    record Exact(String issuer, Set<String> tokenAliases) implements IssuerRule {
        /** Copies the aliases; {@code issuer} is checked by {@link ProviderSettings}. */
        public Exact {
            Objects.requireNonNull(issuer, "issuer");
            tokenAliases = Set.copyOf(tokenAliases);
        }

        /** One issuer without aliases. */
        public Exact(String issuer) {
            this(issuer, Set.of());
        }

        @Override
        public boolean acceptsDocumentIssuer(String documentIssuer) {
            return issuer.equals(documentIssuer);
        }

        @Override
        public boolean acceptsTokenClaims(Map<String, Object> claims) {
            Object iss = claims.get("iss");
            return issuer.equals(iss) || (iss instanceof String s && tokenAliases.contains(s));
        }

        @Override
        public boolean acceptsResponseIssuer(String iss) {
            return issuer.equals(iss);
        }

        @Override
        public String accountIssuer(String acceptedIss) {
            return issuer;
        }
    }

    /**
     * Microsoft Entra ID (v2.0 endpoints) at {@code authority} for {@code tenant}: {@code common} (any work, school or
     * personal account), {@code organizations} (work or school only), {@code consumers} (personal only) or one
     * directory's id (a GUID). The multi-tenant endpoints publish the issuer
     * {@code <authority>/{tenantid}/v2.0} literally and sign each token with its own tenant's issuer, so a token is
     * accepted when its {@code tid} is a tenant id the setting admits and its {@code iss} is exactly
     * {@code <authority>/<tid>/v2.0} (what Microsoft's documentation and Better Auth's {@code verifyClaims} do). A
     * single-tenant setting compares the issuer exactly and requires that tenant.
     */
    record Microsoft(String authority, String tenant) implements IssuerRule {
        /** The tenant every personal Microsoft account signs in to. */
        public static final String CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

        /** The tenants that are not one directory: Microsoft's multi-tenant endpoints. */
        public static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

        private static final String TEMPLATE_TENANT = "{tenantid}";
        private static final Pattern TENANT_ID =
                Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        /** Checks both values are present; their form is checked by {@link ProviderSettings}. */
        public Microsoft {
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(tenant, "tenant");
        }

        /** Whether {@code value} has the form of a directory (tenant) id. */
        public static boolean isTenantId(String value) {
            return TENANT_ID.matcher(value).matches();
        }

        @Override
        public boolean acceptsDocumentIssuer(String documentIssuer) {
            if (isTenantId(tenant)) {
                return issuerOf(tenant).equals(documentIssuer);
            }
            // The consumers endpoint has been seen publishing both the template and the consumer tenant's issuer.
            return issuerOf(TEMPLATE_TENANT).equals(documentIssuer)
                    || ("consumers".equals(tenant) && issuerOf(CONSUMERS_TENANT_ID).equals(documentIssuer));
        }

        @Override
        public boolean acceptsTokenClaims(Map<String, Object> claims) {
            return claims.get("tid") instanceof String tid && admits(tid) && issuerOf(tid).equals(claims.get("iss"));
        }

        @Override
        public boolean acceptsResponseIssuer(String iss) {
            String prefix = authority + "/";
            String suffix = "/v2.0";
            if (!iss.startsWith(prefix) || !iss.endsWith(suffix) || iss.length() <= prefix.length() + suffix.length()) {
                return false;
            }
            String tid = iss.substring(prefix.length(), iss.length() - suffix.length());
            return admits(tid);
        }

        @Override
        public String accountIssuer(String acceptedIss) {
            // Each tenant is its own issuer; Better Auth records Microsoft accounts under the token's iss as well.
            return acceptedIss;
        }

        private boolean admits(String tid) {
            if (!isTenantId(tid)) {
                return false;
            }
            return switch (tenant) {
                case "common" -> true;
                case "organizations" -> !CONSUMERS_TENANT_ID.equals(tid);
                case "consumers" -> CONSUMERS_TENANT_ID.equals(tid);
                default -> tenant.equals(tid);
            };
        }

        private String issuerOf(String tid) {
            return authority + "/" + tid + "/v2.0";
        }
    }
}
