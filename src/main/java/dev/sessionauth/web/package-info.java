/**
 * The servlet side: {@code SessionAuthFilter}, the HTTP API ({@code AuthApi}), path rules and normalization, CSRF,
 * security headers, JSON bodies and answers, the request wrapper that exposes the user to the app, and everything
 * about cookies ({@code SessionCookies}, {@code CookieHeader}): it reads the tokens a request presents and applies
 * the engine's {@code BrowserUpdate}.
 *
 * <p>Layer: the top. Imports the engine ({@code SessionAuth} and its values) and {@code config}, and for now
 * {@code store.StoreUnavailableException} (to answer 503) until the engine turns it into its own error; nothing
 * imports it.
 */
package dev.sessionauth.web;
