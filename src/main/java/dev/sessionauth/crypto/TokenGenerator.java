package dev.sessionauth.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes session tokens (256 bits) and row identifiers (144 bits) from {@link SecureRandom}, base64url-encoded. */
public final class TokenGenerator {
    /** Length in characters of a token: 32 bytes, base64url without padding. */
    public static final int TOKEN_LENGTH = 43;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public TokenGenerator(SecureRandom random) {
        this.random = random;
    }

    public TokenGenerator() {
        this(new SecureRandom());
    }

    /** A new bearer secret. */
    public String newToken() {
        return random(32);
    }

    /** A new, unguessable row identifier; not a secret. */
    public String newId() {
        return random(18);
    }

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return ENCODER.encodeToString(b);
    }

    /** Whether {@code s} has the shape of a token: only then is it worth a store lookup. */
    public static boolean looksLikeToken(String s) {
        if (s.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
