/**
 * Cryptography and secrets: session tokens from {@code SecureRandom}, their SHA-256 for storage, HMAC cookie
 * signing, the jwt strategy's signed cookie and its claims ({@code SessionClaims}), bcrypt password hashing and the
 * list of common passwords.
 *
 * <p>Layer: a leaf. Imports only the value types {@code Session} and {@code User} (for the claims); never touches
 * the store or the servlet API.
 */
package dev.sessionauth.crypto;
