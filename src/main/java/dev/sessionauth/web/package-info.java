/**
 * The servlet side: {@code SessionAuthFilter}, the HTTP API ({@code AuthApi}, routing the core endpoints and those
 * of every started way in that implements {@code ApiRoutes}), path rules and normalization, CSRF, security headers,
 * request bodies read within a deadline ({@code RequestBodies}), JSON bodies and answers, the request wrapper that
 * exposes the user to the app, and everything about cookies ({@code SessionCookies}, {@code CookieHeader}): it reads
 * the tokens a request presents and applies the engine's {@code BrowserUpdate}, once per request, at the
 * {@code CookieCommit}. A way in's endpoints use {@code ApiExchange} (bodies, the caller, callback checks, answers,
 * {@code answerSignIn} for any sign-in outcome).
 *
 * <p>Layer: the top. Imports the engine and {@code config}, never a store; a store that cannot be reached reaches it
 * as {@code StoreUnavailableException} (answered 503). Only {@code SessionAuthFilter} is API; the other public
 * types are shared with the ways in.
 */
package dev.sessionauth.web;
