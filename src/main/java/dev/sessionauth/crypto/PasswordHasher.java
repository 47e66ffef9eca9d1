package dev.sessionauth.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashing. Passwords longer than bcrypt's 72-byte input are pre-hashed with SHA-512 rather
 * than silently truncated; unknown users are checked against a dummy hash so both answers take as long.
 */
public final class PasswordHasher {
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifier;
    private final byte[] dummyHash;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.hasher = BCrypt.with(VERSION, new java.security.SecureRandom(), LONG_PASSWORDS);
        this.verifier = BCrypt.verifyer(VERSION, LONG_PASSWORDS);
        this.dummyHash = hasher.hash(cost, "not a password: equalises sign-in time".getBytes(StandardCharsets.UTF_8));
    }

    public String hash(String password) {
        return new String(hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    /** Whether {@code password} matches {@code hash}; a malformed hash never matches. */
    public boolean verify(String password, String hash) {
        if (hash == null || hash.isEmpty()) {
            return verifyNobody(password);
        }
        try {
            BCrypt.Result result = verifier.verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.US_ASCII));
            return result.validFormat && result.verified;
        } catch (IllegalArgumentException e) {
            // A stored hash the library cannot read (wrong cost, truncated): a mismatch, not a failure.
            return false;
        }
    }

    /** Spends the time of a real check on a user that does not exist; always false. */
    public boolean verifyNobody(String password) {
        verifier.verify(password.getBytes(StandardCharsets.UTF_8), dummyHash);
        return false;
    }
}
