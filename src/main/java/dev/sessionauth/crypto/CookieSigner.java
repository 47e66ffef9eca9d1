package dev.sessionauth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs cookie values as {@code value.base64url(HMAC-SHA256(key, value))} and checks them, so that a forged
 * cookie is refused before any store read. The first key signs; every key verifies, which lets secrets rotate.
 */
public final class CookieSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final List<SecretKeySpec> keys;
    // One initialised Mac per key and thread: Mac.getInstance + init on every call (a provider lookup, a new
    // digest, the key schedule) cost more than the HMAC itself, three times on every signed-in request.
    private final ThreadLocal<Mac[]> macs = ThreadLocal.withInitial(this::newMacs);

    public CookieSigner(List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        this.keys = secrets.stream().map(s -> new SecretKeySpec(s.clone(), ALGORITHM)).toList();
    }

    /** The signed form of {@code value} (which must not contain '.'). */
    public String sign(String value) {
        return value + "." + ENCODER.encodeToString(mac(0, value));
    }

    /** The value inside {@code signed} when a key's signature matches it; compared in constant time. */
    public Optional<String> verify(String signed) {
        int dot = signed.lastIndexOf('.');
        if (dot <= 0 || dot == signed.length() - 1) {
            return Optional.empty();
        }
        String value = signed.substring(0, dot);
        // Compared as text, not decoded bytes: base64 decoders accept padding and ignore the last character's
        // spare bits, which would give one token several valid cookie spellings.
        byte[] presented = signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (int k = 0; k < keys.size(); k++) {
            // Every key is tried, so the time does not tell which key (if any) matched.
            ok |= MessageDigest.isEqual(ENCODER.encode(mac(k, value)), presented);
        }
        return ok ? Optional.of(value) : Optional.empty();
    }

    /** A keyed digest of {@code value} under the signing key, e.g. a per-session CSRF token. */
    public String digest(String purpose, String value) {
        return ENCODER.encodeToString(mac(0, purpose + ":" + value));
    }

    private byte[] mac(int key, String value) {
        // doFinal leaves the Mac ready for the next value under the same key.
        return macs.get()[key].doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private Mac[] newMacs() {
        Mac[] m = new Mac[keys.size()];
        try {
            for (int k = 0; k < m.length; k++) {
                m[k] = Mac.getInstance(ALGORITHM);
                m[k].init(keys.get(k));
            }
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
