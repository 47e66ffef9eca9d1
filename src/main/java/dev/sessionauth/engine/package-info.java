/**
 * The engine: {@code SessionAuth}, the entry point apps and the web layer call, built by {@code SessionAuthBuilder},
 * over package-private parts: session resolution with the jwt cache and the sliding refresh
 * ({@code SessionResolver}), accounts with their input checks ({@code Accounts}), a user's own sessions
 * ({@code OwnSessions}), e-mail verification ({@code EmailVerification}), the account lifecycle
 * ({@code PasswordReset}, {@code EmailChange}, {@code AccountDeletion}; mail through {@code Outbox} and
 * {@code MailLinks}), the background thread ({@code Housekeeping}), listener delivery ({@code SessionEvents}) and start-up ({@code StoreSetup},
 * {@code ConfiguredClasses}, {@code Parts}). {@code AccountLocks} is public for the web layer's throttles.
 *
 * <p>Layer: above {@code config}, {@code crypto} and {@code store} (interfaces; the builder picks the JDBC or the
 * in-memory implementations) and the values of {@code dev.sessionauth}; never {@code web}, {@code tags} or the
 * servlet cookie API. It deals in tokens ({@code Presented}) and outcomes ({@code BrowserUpdate}), never in cookies.
 */
package dev.sessionauth.engine;
