package dev.sessionauth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Turns a bearer token into what the database keeps: SHA-256, base64url. A leaked table holds no usable token.
 * The first 64 bits of that hash are the session row's integer key, so a lookup walks an index of longs.
 */
public final class TokenHasher {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /**
     * Never used itself, only cloned: a clone costs two array copies, where {@code getInstance} walks the provider
     * list on every signed-in request. Nothing ever updates it, so sharing it is safe.
     */
    private static final MessageDigest SHA_256 = sha256();

    private TokenHasher() {
    }

    public static String hash(String token) {
        return ENCODER.encodeToString(fresh().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code value} has the shape of {@link #hash}'s answers (43 base64url characters). */
    public static boolean isHash(String value) {
        if (value.length() != 43) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            boolean ok = ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The row key of a session whose token hashes to {@code tokenHash}: the hash's first 8 bytes, big-endian.
     * Two live tokens share one with odds of about n / 2^64; the store then refuses the second, never mixes them.
     *
     * @throws IllegalArgumentException when {@code tokenHash} is not a hash this class made
     */
    public static long lookupKey(String tokenHash) {
        if (tokenHash.length() < 11) {
            throw new IllegalArgumentException("not a token hash: too short");
        }
        // 11 base64 characters carry 66 bits: enough for the first 8 bytes.
        byte[] head = Base64.getUrlDecoder().decode(tokenHash.substring(0, 11) + "A");
        long key = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            key = (key << 8) | (head[i] & 0xFF);
        }
        return key;
    }
}
