package dev.sessionauth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets that must be read back (a TOTP key, a provider's token) for a database column:
 * AES-256-GCM under a key derived from the app's {@code secret} for one purpose. The first secret encrypts; every
 * configured secret is tried to decrypt, so secrets can rotate without losing what was stored.
 *
 * <p>Stored form, base64url without padding: {@code version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16)}, i.e.
 * {@code ⌈(29 + n) · 4/3⌉} characters for n plaintext bytes (66 for a 20-byte TOTP key). The version byte and the
 * caller's {@code boundTo} value (e.g. the user id) are authenticated with it, so a value copied to another row
 * does not decrypt there.
 */
public final class SecretBox {
    /** The format written today; a later format gets a new byte and this class keeps reading the old one. */
    static final byte VERSION_1 = 1;

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final List<SecretKeySpec> keys;
    private final SecureRandom random;

    /**
     * @param secrets the app's secrets as {@link CookieSigner} gets them, first encrypts, all decrypt
     * @param purpose a label naming this use, e.g. {@code "sessionauth two-factor totp secret"}: values
     *                encrypted for one purpose never decrypt under another
     */
    public SecretBox(List<byte[]> secrets, String purpose, SecureRandom random) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        if (purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose label is needed: it keeps the keys of different uses apart");
        }
        byte[] info = purpose.getBytes(StandardCharsets.UTF_8);
        // No salt (RFC 5869 §3.1 allows it): the secrets are already uniformly random keys of 32 bytes or more, and
        // a salt would have to be stored and rotated alongside them for no gain.
        this.keys = secrets.stream()
                .map(s -> new SecretKeySpec(hkdfSha256(new byte[0], s, info, KEY_BYTES), "AES"))
                .toList();
        this.random = random;
    }

    public SecretBox(List<byte[]> secrets, String purpose) {
        this(secrets, purpose, new SecureRandom());
    }

    /**
     * The stored form of {@code plaintext}, under the first secret and a fresh random nonce (so encrypting the same
     * value twice gives different text).
     *
     * @param boundTo what the value belongs to (e.g. the user id); {@link #decrypt} must be given the same
     */
    public String encrypt(byte[] plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(VERSION_1, boundTo));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION_1;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return ENCODER.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /**
     * The plaintext of a value {@link #encrypt} made for this purpose and {@code boundTo} under one of the
     * configured secrets.
     *
     * @throws UndecryptableException when the value was altered, made for another purpose, row or app, or under a
     *                                secret no longer configured; never a partial plaintext
     */
    public byte[] decrypt(String stored, String boundTo) {
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new UndecryptableException("not a value this class wrote (not base64url)");
        }
        if (in.length < OVERHEAD) {
            throw new UndecryptableException("not a value this class wrote (too short)");
        }
        if (in[0] != VERSION_1) {
            throw new UndecryptableException("unknown format version " + (in[0] & 0xFF));
        }
        GCMParameterSpec nonce = new GCMParameterSpec(TAG_BITS, in, 1, NONCE_BYTES);
        byte[] aad = associatedData(in[0], boundTo);
        for (SecretKeySpec key : keys) {
            try {
                Cipher cipher = Cipher.getInstance(CIPHER);
                cipher.init(Cipher.DECRYPT_MODE, key, nonce);
                cipher.updateAAD(aad);
                // The JDK's GCM decryption buffers everything and returns only once the tag has been checked.
                return cipher.doFinal(in, 1 + NONCE_BYTES, in.length - 1 - NONCE_BYTES);
            } catch (AEADBadTagException wrongKeyOrAltered) {
                // Try the next (older) secret; which one failed is nobody's business.
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
            }
        }
        throw new UndecryptableException("altered, made for another purpose or row, or under a secret that is no"
                + " longer configured");
    }

    private static byte[] associatedData(byte version, String boundTo) {
        byte[] bound = boundTo.getBytes(StandardCharsets.UTF_8);
        byte[] aad = new byte[1 + bound.length];
        aad[0] = version;
        System.arraycopy(bound, 0, aad, 1, bound.length);
        return aad;
    }

    /** HKDF with HMAC-SHA256 (RFC 5869): extract a pseudorandom key from {@code ikm}, expand it for {@code info}. */
    static byte[] hkdfSha256(byte[] salt, byte[] ikm, byte[] info, int length) {
        if (length <= 0 || length > 255 * 32) {
            throw new IllegalArgumentException("HKDF-SHA256 gives 1 to 8160 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty salt means HashLen zero bytes (RFC 5869 §2.2); SecretKeySpec refuses an empty key.
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] okm = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, done = 0; done < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, okm, done, n);
                done += n;
            }
            Arrays.fill(prk, (byte) 0);
            return okm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /**
     * A stored value that cannot be decrypted: tampered with, foreign (another purpose, row or app), or encrypted
     * under a secret that has since been removed from the {@code secret} setting. Carries no plaintext.
     */
    public static final class UndecryptableException extends RuntimeException {
        UndecryptableException(String why) {
            super("cannot decrypt the stored secret: " + why);
        }
    }
}
