/**
 * The OpenID Connect (and GitHub OAuth 2.0) protocol core for social sign-in: provider settings and presets
 * ({@code ProviderSettings}), discovery and its background loading ({@code Discovery}, {@code ProviderDirectory}),
 * the provider's keys ({@code Jwks}), ID token verification ({@code IdTokenVerifier}), the authorization request
 * with state, nonce and PKCE ({@code AuthorizationRequest}), the code exchange ({@code TokenClient}), the RFC 9207
 * {@code iss} check ({@code ResponseIssuerCheck}) and the façade per provider ({@code OidcClient}). Refusals are
 * {@code OidcException}s whose {@code OidcFailure} carries Better Auth's callback error string.
 *
 * <p>Layer: a leaf module. Pure Java values in and out; imports {@code java.net.http}, nimbus-jose-jwt and
 * jackson-databind, never the servlet API, the engine, the store or the web layer. Whoever calls it (the sign-in and
 * callback endpoints) keeps the pending secrets bound to the browser and decides what a failure means for the user.
 * Logs go through {@code System.Logger}; tokens, codes, secrets and the provider's raw bodies never reach a message
 * meant for a client.
 */
package dev.sessionauth.oidc;
