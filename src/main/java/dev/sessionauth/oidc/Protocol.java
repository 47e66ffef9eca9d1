package dev.sessionauth.oidc;

import java.net.URI;
import java.util.Objects;

/**
 * How SessionAuth talks to a provider: OpenID Connect (endpoints and keys from the provider's discovery document,
 * identity from a verified ID token) or GitHub's OAuth 2.0 (fixed endpoints, identity from its REST API, no ID
 * token).
 */
public sealed interface Protocol permits Protocol.OpenIdConnect, Protocol.GitHub {

    /**
     * OpenID Connect: the discovery document at {@code discoveryUrl} (usually
     * {@code <issuer>/.well-known/openid-configuration}) and the rule its issuer must satisfy.
     */
    record OpenIdConnect(URI discoveryUrl, IssuerRule issuerRule) implements Protocol {
        /** Both are required. */
        public OpenIdConnect {
            Objects.requireNonNull(discoveryUrl, "discoveryUrl");
            Objects.requireNonNull(issuerRule, "issuerRule");
        }

        /**
         * A provider whose issuer is {@code issuer}, compared exactly; its document lives at
         * {@code <issuer>/.well-known/openid-configuration} (a trailing {@code /} of the issuer removed first, as
         * Discovery §4 says).
         */
        public static OpenIdConnect forIssuer(String issuer) {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            return new OpenIdConnect(URI.create(base + "/.well-known/openid-configuration"), new IssuerRule.Exact(issuer));
        }
    }

    /**
     * GitHub (OAuth 2.0 only, no OpenID Connect): where to authorize, exchange the code, and read the user and the
     * user's e-mail addresses.
     */
    record GitHub(URI authorizationEndpoint, URI tokenEndpoint, URI userEndpoint, URI emailsEndpoint)
            implements Protocol {
        /** github.com's own endpoints. */
        public static final GitHub GITHUB_COM = new GitHub(URI.create("https://github.com/login/oauth/authorize"),
                URI.create("https://github.com/login/oauth/access_token"), URI.create("https://api.github.com/user"),
                URI.create("https://api.github.com/user/emails"));

        /** All four are required. */
        public GitHub {
            Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(userEndpoint, "userEndpoint");
            Objects.requireNonNull(emailsEndpoint, "emailsEndpoint");
        }
    }
}
