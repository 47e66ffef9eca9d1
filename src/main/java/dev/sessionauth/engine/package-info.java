/**
 * The engine's parts behind {@code SessionAuth}: session resolution with the jwt cache and the sliding refresh
 * ({@code SessionResolver}), accounts with their input checks ({@code Accounts}), a user's own sessions
 * ({@code OwnSessions}), e-mail verification ({@code EmailVerification}), the background thread
 * ({@code Housekeeping}), listener delivery ({@code SessionEvents}) and start-up ({@code StoreSetup},
 * {@code ConfiguredClasses}, {@code Parts}). Not API: the classes are public only so that {@code SessionAuth} and
 * its builder, one package up, can wire and call them.
 *
 * <p>Layer: the engine. Imports the value types of {@code dev.sessionauth}, {@code config}, {@code crypto} and
 * {@code store}; never {@code web}, {@code tags} or the servlet API. It deals in tokens ({@code Presented}) and
 * outcomes ({@code BrowserUpdate}), never in cookies.
 */
package dev.sessionauth.engine;
