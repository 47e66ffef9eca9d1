/**
 * Cryptography and secrets: session tokens from {@code SecureRandom}, their SHA-256 for storage, HMAC cookie
 * signing, the jwt strategy's signed cookie, bcrypt password hashing and the list of common passwords.
 *
 * <p>Layer: a leaf. Imports nothing of SessionAuth's and never touches the store or the servlet API.
 */
package dev.sessionauth.crypto;
