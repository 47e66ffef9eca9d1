package dev.sessionauth.oidc;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One social sign-in provider, as configured under {@code socialProviders.<id>}: the client the provider issued
 * ({@code clientId}, {@code clientSecret}), how to reach it ({@link Protocol}: an OpenID Connect issuer, or GitHub's
 * fixed endpoints), the scopes to ask for, the name to show, how to authenticate at the token endpoint and how the
 * provider should answer. Presets exist for Google, Microsoft, GitHub and Apple; any other id is a generic OpenID
 * Connect provider that needs its {@code issuer}.
 *
 * <p>Every value is checked when the record is made; a mistake is a {@link ProviderConfigException} whose message
 * names the setting and the fix, so the configuration layer can call {@link #fromSettings} (or the factories) and
 * report it at start-up like its own.
 */
public record ProviderSettings(String id, String clientId, String clientSecret, Protocol protocol, List<String> scopes,
        String name, TokenAuth tokenAuth, ResponseMode responseMode) {

    /** The scopes of an OpenID Connect provider unless configured: the ID token with the e-mail and the profile. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");
    /** GitHub's scopes: the profile and the e-mail addresses (so the primary, verified one can be read). */
    public static final List<String> GITHUB_SCOPES = List.of("read:user", "user:email");
    /** Google's issuer. */
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    /** Microsoft Entra ID's public-cloud authority. */
    public static final String MICROSOFT_AUTHORITY = "https://login.microsoftonline.com";
    /** Sign in with Apple's issuer. */
    public static final String APPLE_ISSUER = "https://appleid.apple.com";

    /** The setting names one provider accepts (under {@code socialProviders.<id>.}). */
    public static final List<String> SETTING_NAMES =
            List.of("clientId", "clientSecret", "issuer", "scopes", "name", "tokenAuth", "responseMode", "tenant");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");
    private static final Pattern SCOPE_SEPARATORS = Pattern.compile("[\\s,]+");

    /** How SessionAuth authenticates at the token endpoint (RFC 6749 §2.3.1, OpenID Connect Core §9). */
    public enum TokenAuth {
        /** HTTP Basic with the form-encoded client id and secret: the OpenID Connect default. */
        CLIENT_SECRET_BASIC("client_secret_basic"),
        /** {@code client_id} and {@code client_secret} in the form body (GitHub, Apple). */
        CLIENT_SECRET_POST("client_secret_post");

        private final String value;

        TokenAuth(String value) {
            this.value = value;
        }

        /** The name in discovery documents and in the {@code tokenAuth} setting. */
        public String value() {
            return value;
        }
    }

    /** How the provider sends the browser back (OAuth 2.0 Multiple Response Type / Form Post Response Mode). */
    public enum ResponseMode {
        /** A redirect with {@code code} and {@code state} in the query: the default. */
        QUERY("query"),
        /** An auto-submitted form POST to the callback (Apple requires it when asking for the name or e-mail). */
        FORM_POST("form_post");

        private final String value;

        ResponseMode(String value) {
            this.value = value;
        }

        /** The {@code response_mode} value, and the name in the {@code responseMode} setting. */
        public String value() {
            return value;
        }
    }

    /** Checks every value; see the class comment. */
    public ProviderSettings {
        checkId(id);
        checkText(id, "clientId", clientId, 512, "the client ID the provider issued for this application");
        checkText(id, "clientSecret", clientSecret, 8192, "the client secret the provider issued for this application");
        if (protocol == null) {
            throw new ProviderConfigException(setting(id, "issuer") + " is not set: set it to the provider's issuer URL");
        }
        checkProtocol(id, protocol);
        scopes = checkScopes(id, scopes, protocol);
        checkText(id, "name", name, 100, "the provider's name as the sign-in page shows it");
        if (tokenAuth == null) {
            throw new ProviderConfigException(setting(id, "tokenAuth") + " is not set: " + tokenAuthChoice());
        }
        if (responseMode == null) {
            throw new ProviderConfigException(setting(id, "responseMode") + " is not set: use query or form_post");
        }
        if (protocol instanceof Protocol.GitHub && responseMode == ResponseMode.FORM_POST) {
            throw new ProviderConfigException(setting(id, "responseMode")
                    + " is form_post, which GitHub does not support: remove the setting (query is the default)");
        }
    }

    /** A generic OpenID Connect provider with the issuer {@code issuer} and the default scopes. */
    public static ProviderSettings openIdConnect(String id, String clientId, String clientSecret, String issuer) {
        return new ProviderSettings(id, clientId, clientSecret, issuerProtocol(id, issuer), DEFAULT_SCOPES, id,
                TokenAuth.CLIENT_SECRET_BASIC, ResponseMode.QUERY);
    }

    /** Google ({@value #GOOGLE_ISSUER}); ID tokens spelling the issuer {@code accounts.google.com} are accepted too. */
    public static ProviderSettings google(String clientId, String clientSecret) {
        Protocol google = new Protocol.OpenIdConnect(Protocol.OpenIdConnect.forIssuer(GOOGLE_ISSUER).discoveryUrl(),
                new IssuerRule.Exact(GOOGLE_ISSUER, Set.of("accounts.google.com")));
        return new ProviderSettings("google", clientId, clientSecret, google, DEFAULT_SCOPES, "Google",
                TokenAuth.CLIENT_SECRET_BASIC, ResponseMode.QUERY);
    }

    /** Microsoft Entra ID for any work, school or personal account (the {@code common} tenant). */
    public static ProviderSettings microsoft(String clientId, String clientSecret) {
        return microsoft(clientId, clientSecret, "common");
    }

    /**
     * Microsoft Entra ID for {@code tenant}: {@code common}, {@code organizations}, {@code consumers} or a
     * directory (tenant) id; see {@link IssuerRule.Microsoft} for how each one's issuer is checked.
     */
    public static ProviderSettings microsoft(String clientId, String clientSecret, String tenant) {
        return microsoft(clientId, clientSecret, tenant, MICROSOFT_AUTHORITY);
    }

    /**
     * Microsoft Entra ID for {@code tenant} at another {@code authority} (a national cloud such as
     * {@code https://login.microsoftonline.us}, an External ID {@code https://<tenant>.ciamlogin.com}, or a test
     * provider).
     */
    public static ProviderSettings microsoft(String clientId, String clientSecret, String tenant, String authority) {
        String tenantValue = checkTenant(tenant);
        if (Urls.endpoint(authority).filter(u -> u.getRawQuery() == null && emptyPath(u)).isEmpty()) {
            throw new ProviderConfigException("socialProviders.microsoft: the authority " + authority
                    + " must be an https URL without path, such as " + MICROSOFT_AUTHORITY);
        }
        String base = authority.endsWith("/") ? authority.substring(0, authority.length() - 1) : authority;
        Protocol protocol = new Protocol.OpenIdConnect(
                URI.create(base + "/" + tenantValue + "/v2.0/.well-known/openid-configuration"),
                new IssuerRule.Microsoft(base, tenantValue));
        return new ProviderSettings("microsoft", clientId, clientSecret, protocol, DEFAULT_SCOPES, "Microsoft",
                TokenAuth.CLIENT_SECRET_BASIC, ResponseMode.QUERY);
    }

    /**
     * GitHub (OAuth 2.0 without OpenID Connect): identity from {@code api.github.com}, the account id is the user's
     * numeric id and the e-mail the primary, verified one. Client credentials go in the form body, as GitHub
     * documents.
     */
    public static ProviderSettings github(String clientId, String clientSecret) {
        return new ProviderSettings("github", clientId, clientSecret, Protocol.GitHub.GITHUB_COM, GITHUB_SCOPES,
                "GitHub", TokenAuth.CLIENT_SECRET_POST, ResponseMode.QUERY);
    }

    /**
     * Sign in with Apple ({@value #APPLE_ISSUER}): {@code clientId} is the Services ID and {@code clientSecret} the
     * ES256-signed client secret JWT the app generates from its key (Apple lets it live at most six months, so it
     * must be renewed). Apple answers by form POST and only with client credentials in the body.
     */
    public static ProviderSettings apple(String clientId, String clientSecret) {
        return new ProviderSettings("apple", clientId, clientSecret, issuerProtocol("apple", APPLE_ISSUER),
                List.of("openid", "email", "name"), "Apple", TokenAuth.CLIENT_SECRET_POST, ResponseMode.FORM_POST);
    }

    /**
     * The provider {@code id} from its settings, by their names under {@code socialProviders.<id>.}: {@code clientId},
     * {@code clientSecret}, {@code issuer} (required unless {@code id} is {@code google}, {@code microsoft},
     * {@code github} or {@code apple}), {@code scopes} (separated by spaces or commas; they replace the preset's),
     * {@code name}, {@code tokenAuth} ({@code client_secret_basic} or {@code client_secret_post}),
     * {@code responseMode} ({@code query} or {@code form_post}) and, for {@code microsoft} only, {@code tenant}.
     *
     * @throws ProviderConfigException naming the first setting that is unknown, missing or wrong
     */
    public static ProviderSettings fromSettings(String id, Map<String, String> values) {
        checkId(id);
        for (String name : values.keySet()) {
            if (!SETTING_NAMES.contains(name)) {
                throw new ProviderConfigException(setting(id, name) + " is not a provider setting: the settings are"
                        + " clientId, clientSecret, issuer, scopes, name, tokenAuth, responseMode and, for microsoft,"
                        + " tenant");
            }
        }
        String clientId = values.get("clientId");
        String clientSecret = values.get("clientSecret");
        String issuer = values.get("issuer");
        String tenant = values.get("tenant");
        if (tenant != null && !"microsoft".equals(id)) {
            throw new ProviderConfigException(setting(id, "tenant") + " is a setting of microsoft only: remove it");
        }
        ProviderSettings settings;
        switch (id) {
            case "google" -> settings = issuer == null ? google(clientId, clientSecret)
                    : google(clientId, clientSecret).withProtocol(issuerProtocol(id, issuer));
            case "apple" -> settings = issuer == null ? apple(clientId, clientSecret)
                    : apple(clientId, clientSecret).withProtocol(issuerProtocol(id, issuer));
            case "github" -> {
                if (issuer != null) {
                    throw new ProviderConfigException(setting(id, "issuer")
                            + " is set, but GitHub is OAuth 2.0 without OpenID Connect and has no issuer: remove it");
                }
                settings = github(clientId, clientSecret);
            }
            case "microsoft" -> {
                if (issuer != null && tenant != null) {
                    throw new ProviderConfigException(setting(id, "issuer") + " and " + setting(id, "tenant")
                            + " are both set: set only tenant (common, organizations, consumers or the directory id)");
                }
                settings = issuer == null ? microsoft(clientId, clientSecret, tenant == null ? "common" : tenant)
                        : microsoft(clientId, clientSecret).withProtocol(issuerProtocol(id, issuer));
            }
            default -> {
                if (issuer == null || issuer.isBlank()) {
                    throw new ProviderConfigException(setting(id, "issuer") + " is not set: set it to the provider's"
                            + " issuer URL (its discovery document is read from <issuer>/.well-known/"
                            + "openid-configuration); only google, microsoft, github and apple need none");
                }
                settings = openIdConnect(id, clientId, clientSecret, issuer);
            }
        }
        if (values.containsKey("scopes")) {
            settings = settings.withScopes(parseScopes(values.get("scopes")));
        }
        if (values.containsKey("name")) {
            settings = settings.withName(values.get("name"));
        }
        if (values.containsKey("tokenAuth")) {
            settings = settings.withTokenAuth(parseTokenAuth(id, values.get("tokenAuth")));
        }
        if (values.containsKey("responseMode")) {
            settings = settings.withResponseMode(parseResponseMode(id, values.get("responseMode")));
        }
        return settings;
    }

    /** These settings asking for {@code scopes} instead (they replace the preset's; OpenID Connect needs openid). */
    public ProviderSettings withScopes(List<String> scopes) {
        return new ProviderSettings(id, clientId, clientSecret, protocol, scopes, name, tokenAuth, responseMode);
    }

    /** These settings shown as {@code name}. */
    public ProviderSettings withName(String name) {
        return new ProviderSettings(id, clientId, clientSecret, protocol, scopes, name, tokenAuth, responseMode);
    }

    /** These settings authenticating at the token endpoint with {@code tokenAuth}. */
    public ProviderSettings withTokenAuth(TokenAuth tokenAuth) {
        return new ProviderSettings(id, clientId, clientSecret, protocol, scopes, name, tokenAuth, responseMode);
    }

    /** These settings asking the provider to answer with {@code responseMode}. */
    public ProviderSettings withResponseMode(ResponseMode responseMode) {
        return new ProviderSettings(id, clientId, clientSecret, protocol, scopes, name, tokenAuth, responseMode);
    }

    /** These settings reaching the provider through {@code protocol} (another issuer, GitHub Enterprise, a test stub). */
    public ProviderSettings withProtocol(Protocol protocol) {
        return new ProviderSettings(id, clientId, clientSecret, protocol, scopes, name, tokenAuth, responseMode);
    }

    /** Whether this provider speaks OpenID Connect (and so issues ID tokens). */
    public boolean isOpenIdConnect() {
        return protocol instanceof Protocol.OpenIdConnect;
    }

    /** Never shows the client secret. */
    @Override
    public String toString() {
        return "ProviderSettings[id=" + id + ", clientId=" + clientId + ", clientSecret=***, protocol=" + protocol
                + ", scopes=" + scopes + ", name=" + name + ", tokenAuth=" + tokenAuth.value() + ", responseMode="
                + responseMode.value() + "]";
    }

    /** Scopes as written in a setting: separated by white space or commas. */
    public static List<String> parseScopes(String text) {
        List<String> scopes = new ArrayList<>();
        for (String scope : SCOPE_SEPARATORS.split(text == null ? "" : text.strip())) {
            if (!scope.isEmpty()) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    /** The {@code tokenAuth} setting's value for provider {@code id}. */
    public static TokenAuth parseTokenAuth(String id, String text) {
        for (TokenAuth auth : TokenAuth.values()) {
            if (auth.value().equals(text)) {
                return auth;
            }
        }
        throw new ProviderConfigException(setting(id, "tokenAuth") + " is " + quote(text) + ": " + tokenAuthChoice());
    }

    /** The {@code responseMode} setting's value for provider {@code id}. */
    public static ResponseMode parseResponseMode(String id, String text) {
        for (ResponseMode mode : ResponseMode.values()) {
            if (mode.value().equals(text)) {
                return mode;
            }
        }
        throw new ProviderConfigException(setting(id, "responseMode") + " is " + quote(text)
                + ": use query (the default) or form_post");
    }

    private static Protocol.OpenIdConnect issuerProtocol(String id, String issuer) {
        checkIssuer(id, issuer);
        return Protocol.OpenIdConnect.forIssuer(issuer);
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProviderConfigException("socialProviders." + (id == null ? "<id>" : Urls.forLog(id, 70))
                    + ": a provider id is 1 to 64 letters, digits, '-' or '_' (it is part of the callback path"
                    + " /callback/<id>); rename the provider");
        }
    }

    private static void checkText(String id, String name, String value, int maxLength, String what) {
        if (value == null || value.isBlank()) {
            throw new ProviderConfigException(setting(id, name) + " is not set: set it to " + what + " (or the"
                    + " environment variable SESSIONAUTH_SOCIALPROVIDERS_" + id.toUpperCase(Locale.ROOT)
                    + "_" + name.toUpperCase(Locale.ROOT) + ")");
        }
        // The value itself is never part of a message: clientSecret is one of these.
        if (!value.strip().equals(value)) {
            throw new ProviderConfigException(setting(id, name)
                    + " has leading or trailing white space (copied with the value?): remove it");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new ProviderConfigException(setting(id, name)
                    + " contains a control character (a line break copied with the value?): remove it");
        }
        if (value.length() > maxLength) {
            throw new ProviderConfigException(setting(id, name) + " is longer than " + maxLength
                    + " characters: check that the right value was copied");
        }
    }

    private static void checkIssuer(String id, String issuer) {
        if (Urls.endpoint(issuer).filter(u -> u.getRawQuery() == null).isEmpty()) {
            throw new ProviderConfigException(setting(id, "issuer") + " is " + quote(issuer) + ": it must be an https"
                    + " URL without query or fragment, such as https://idp.example.com/realms/main (http only on"
                    + " localhost), exactly as the provider's discovery document spells its issuer");
        }
    }

    private static String checkTenant(String tenant) {
        String value = tenant == null ? "" : tenant.strip().toLowerCase(Locale.ROOT);
        if (!IssuerRule.Microsoft.MULTI_TENANT.contains(value) && !IssuerRule.Microsoft.isTenantId(value)) {
            throw new ProviderConfigException("socialProviders.microsoft.tenant is " + quote(tenant) + ": use common,"
                    + " organizations, consumers or the directory (tenant) ID, a GUID such as"
                    + " 72f988bf-86f1-41af-91ab-2d7cd011db47; a domain name (contoso.onmicrosoft.com) makes Microsoft's"
                    + " issuer differ from the configured one");
        }
        return value;
    }

    private static void checkProtocol(String id, Protocol protocol) {
        if (protocol instanceof Protocol.OpenIdConnect oidc) {
            if (!Urls.isEndpoint(oidc.discoveryUrl()) || oidc.discoveryUrl().getRawQuery() != null) {
                throw new ProviderConfigException(setting(id, "issuer") + ": the discovery URL "
                        + oidc.discoveryUrl() + " must be an https URL without query (http only on localhost)");
            }
            if (oidc.issuerRule() instanceof IssuerRule.Exact exact) {
                checkIssuer(id, exact.issuer());
            }
        } else if (protocol instanceof Protocol.GitHub github) {
            for (URI endpoint : List.of(github.authorizationEndpoint(), github.tokenEndpoint(), github.userEndpoint(),
                    github.emailsEndpoint())) {
                if (!Urls.isEndpoint(endpoint)) {
                    throw new ProviderConfigException("socialProviders." + id + ": the GitHub endpoint " + endpoint
                            + " must be an https URL (http only on localhost)");
                }
            }
        }
    }

    private static List<String> checkScopes(String id, List<String> scopes, Protocol protocol) {
        if (scopes == null || scopes.isEmpty()) {
            throw new ProviderConfigException(setting(id, "scopes") + " is empty: list the scopes to ask for, such as"
                    + " \"openid email profile\", or remove the setting to use the defaults");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
                throw new ProviderConfigException(setting(id, "scopes") + " contains " + quote(scope) + ", which is"
                        + " not a scope (RFC 6749 §3.3: printable characters without space, '\"' or '\\')");
            }
            unique.add(scope);
        }
        if (protocol instanceof Protocol.OpenIdConnect && !unique.contains("openid")) {
            throw new ProviderConfigException(setting(id, "scopes") + " lacks openid: without it the provider sends"
                    + " no ID token; add openid");
        }
        return List.copyOf(unique);
    }

    private static boolean emptyPath(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
    }

    private static String tokenAuthChoice() {
        return "use client_secret_basic (the default) or client_secret_post";
    }

    static String setting(String id, String name) {
        return "socialProviders." + id + "." + name;
    }

    private static String quote(String value) {
        return value == null ? "empty" : "\"" + Urls.forLog(value, 200) + "\"";
    }
}
