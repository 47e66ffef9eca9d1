/**
 * SessionAuth's public face: the engine's entry point {@code SessionAuth} and the values apps see ({@code Session},
 * {@code User}, {@code AuthContext}, {@code ErrorCode}, {@code AuthException}, listeners and senders).
 *
 * <p>Layer: the engine. Imports {@code config}, {@code crypto} and {@code store} (interfaces; the builder picks the
 * JDBC implementations), never {@code web} or {@code tags}. The engine deals in tokens ({@code Presented}) and
 * outcomes ({@code BrowserUpdate}); cookies are the web layer's, reached through {@code SessionTransport}.
 */
package dev.sessionauth;
