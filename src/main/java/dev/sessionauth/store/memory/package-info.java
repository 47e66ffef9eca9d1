/**
 * The stores in memory ({@code MemoryStores}): the engine's rules tested without a database, and the library tried
 * out without one.
 *
 * <p>Layer: a store. Imports the store interfaces and the value types {@code Session} and {@code User}; never the
 * engine, {@code web} or the servlet API.
 */
package dev.sessionauth.store.memory;
