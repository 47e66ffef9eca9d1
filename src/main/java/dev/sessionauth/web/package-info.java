/**
 * The servlet side: {@code SessionAuthFilter}, the HTTP API ({@code AuthApi}), path rules and normalization, CSRF,
 * security headers, JSON bodies and answers, the request wrapper that exposes the user to the app, and everything
 * about cookies ({@code SessionCookies}, {@code CookieHeader}): it reads the tokens a request presents and applies
 * the engine's {@code BrowserUpdate}.
 *
 * <p>Layer: the top. Imports the engine ({@code SessionAuth} and its values) and {@code config}; a store that cannot
 * be reached reaches it as the engine's {@code ServiceUnavailableException} (answered 503). The one store type it
 * still names is {@code AttemptStore}, which {@code SignInThrottle} counts failed sign-ins in. Nothing imports it.
 */
package dev.sessionauth.web;
