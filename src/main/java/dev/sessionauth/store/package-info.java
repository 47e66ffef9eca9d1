/**
 * Storage contracts: {@code UserStore}, {@code SessionStore}, {@code VerificationStore}, {@code MetaStore} and the
 * rows they exchange. {@code StoreUnavailableException} says the database cannot be reached (503, never 500).
 *
 * <p>Layer: below the engine. Imports the root package's value types only; never the servlet API or {@code web}.
 */
package dev.sessionauth.store;
