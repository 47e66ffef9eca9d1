/**
 * The servlet side: {@code SessionAuthFilter}, the HTTP API ({@code AuthApi}), path rules and normalization, CSRF,
 * security headers, request bodies read within a deadline ({@code RequestBodies}), JSON bodies and answers, the
 * request wrapper that exposes the user to the app, and everything about cookies ({@code SessionCookies},
 * {@code CookieHeader}): it reads the tokens a request presents and applies the engine's {@code BrowserUpdate}. The
 * throttles of the ways in are the engine's; only the allowance for all HTTP traffic per address is applied here.
 *
 * <p>Layer: the top. Imports the engine ({@code Engine} and the values) and {@code config}, never a store; a
 * store that cannot be reached reaches it as the engine's {@code StoreUnavailableException} (answered 503).
 * Nothing imports it.
 */
package dev.sessionauth.web;
