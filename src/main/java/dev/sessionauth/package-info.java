/**
 * SessionAuth's public face: the engine's entry point {@code SessionAuth} and the values apps see ({@code Session},
 * {@code User}, {@code AuthContext}, {@code ErrorCode}, {@code AuthException}, listeners and senders).
 *
 * <p>Layer: the engine. Imports {@code config}, {@code crypto} and {@code store} (interfaces; the builder picks the
 * JDBC implementations), never {@code web} or {@code tags}. Some servlet-facing plumbing still lives here (cookie
 * reading for the engine's helpers) and is on its way to {@code web}.
 */
package dev.sessionauth;
