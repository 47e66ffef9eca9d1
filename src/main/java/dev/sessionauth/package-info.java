/**
 * The values apps and the other layers share: {@code Session}, {@code User}, {@code AuthContext}, {@code ErrorCode},
 * {@code AuthException}, the engine's requests and outcomes ({@code SignIn}, {@code Presented}, {@code Resolution},
 * {@code BrowserUpdate}, …), listeners and senders. The entry point, {@code SessionAuth}, is in {@code engine}.
 *
 * <p>Layer: the bottom. Imports nothing of SessionAuth's own, so every other package may import it.
 */
package dev.sessionauth;
