/**
 * The default stores over JDBC (H2 embedded, PostgreSQL for several instances): SQL as named constants, bound
 * parameters, try-with-resources; schema creation and migrations; the connection pool.
 *
 * <p>Layer: store implementation. Imports {@code store}, the root value types, {@code config} and {@code crypto}
 * (token hashing for keys); never the engine's entry point, the servlet API or {@code web}.
 */
package dev.sessionauth.store.jdbc;
