package dev.sessionauth.twofactor;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A TOTP key: the HMAC-SHA1 key an authenticator app and the server share. New ones are 20 random bytes (160 bits,
 * RFC 4226 §4's recommended length); apps are given it as base32, the database keeps it encrypted with
 * {@link dev.sessionauth.crypto.SecretBox} under {@link #ENCRYPTION_PURPOSE}.
 *
 * <p>A final class rather than a record: a record would hold a mutable array and print it in {@code toString}.
 */
public final class TotpSecret {
    /** The length of a new key in bytes: 160 bits, the length of HMAC-SHA1's output. */
    public static final int GENERATED_BYTES = 20;
    /** The shortest key accepted back: RFC 4226 §4 (R6) requires at least 128 bits. */
    public static final int MIN_BYTES = 16;
    /** The {@code SecretBox} purpose label for stored TOTP keys; changing it makes every stored key unreadable. */
    public static final String ENCRYPTION_PURPOSE = "sessionauth two-factor totp secret";

    private final byte[] key;

    private TotpSecret(byte[] key) {
        this.key = key;
    }

    /** A new random key. */
    public static TotpSecret generate(SecureRandom random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new TotpSecret(key);
    }

    /**
     * The key {@code bytes} (copied), e.g. as {@code SecretBox} gives it back.
     *
     * @throws IllegalArgumentException when shorter than {@link #MIN_BYTES}
     */
    public static TotpSecret of(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("a TOTP key needs at least " + MIN_BYTES + " bytes");
        }
        return new TotpSecret(bytes.clone());
    }

    /**
     * The key written in base32 (either case, padding tolerated), e.g. one imported from another system.
     *
     * @throws IllegalArgumentException when it is not base32 or is too short
     */
    public static TotpSecret fromBase32(String base32) {
        return of(Base32.decode(base32));
    }

    /** A copy of the key, for {@code SecretBox.encrypt}. */
    public byte[] bytes() {
        return key.clone();
    }

    /** The key in RFC 4648 base32 without padding, as the {@code secret} of an otpauth URI carries it. */
    public String base32() {
        return Base32.encode(key);
    }

    /** The key for the HMAC, not copied: only {@link Totp} reads it, and never changes it. */
    byte[] key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key: these end up in logs. */
    @Override
    public String toString() {
        return "TotpSecret[" + key.length + " bytes]";
    }
}
