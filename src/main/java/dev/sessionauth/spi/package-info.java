/**
 * What an app may implement and plug in: the storage contracts ({@code UserStore}, {@code SessionStore},
 * {@code VerificationStore}, {@code MetaStore}, {@code AttemptStore}, {@code AccountStore}) with the rows they exchange,
 * and mail delivery ({@code MailSender}, {@code Mail}; {@code VerificationSender} for verification links only).
 * {@code StoreUnavailableException} says the database cannot be reached (503, never 500). The JDBC stores
 * ({@code store.jdbc}) are the default; {@code store.memory.MemoryStores} is an in-memory set for tests.
 *
 * <p>Layer: public API, below the engine. Imports the root package's value types only; never the servlet API.
 */
package dev.sessionauth.spi;
