/**
 * Sign in with an identity provider ({@code socialProviders}): Google, Microsoft Entra ID, GitHub, Apple or any
 * OpenID Connect provider, on Better Auth's social sign-in wire. Two layers in one package:
 *
 * <p><b>The protocol core</b>: provider settings and presets ({@code ProviderSettings}), discovery and its background
 * loading ({@code Discovery}, {@code ProviderDirectory}), the provider's keys ({@code Jwks}), ID token verification
 * ({@code IdTokenVerifier}), the authorization request with state, nonce and PKCE ({@code AuthorizationRequest}), the
 * code exchange ({@code TokenClient}), the RFC 9207 {@code iss} check ({@code ResponseIssuerCheck}) and the façade
 * per provider ({@code OidcClient}). Refusals are {@code OidcException}s whose {@code OidcFailure} carries Better
 * Auth's callback error string. These classes take pure Java values in and out and import {@code java.net.http},
 * nimbus-jose-jwt and jackson-databind only: never the servlet API, the engine, the store or the web layer.
 *
 * <p><b>The feature</b> ({@code SocialFeature}, registered in {@code META-INF/services}): its settings
 * ({@code SocialSettings}), the pending sign-ins bound to a browser ({@code SignInStates}), the account-linking rules
 * ({@code AccountLinking}), Better Auth's endpoints ({@code SocialEndpoints}) and the Java API ({@code SocialSignIn}).
 * It imports the engine's extension point, the web layer's {@code ApiExchange} and the store contracts; sessions are
 * made only by the engine's session issuer.
 *
 * <p>Logs go through {@code System.Logger}; tokens, codes, secrets and the provider's raw bodies never reach a
 * message meant for a client.
 */
package dev.sessionauth.oidc;
