package dev.sessionauth.passkey;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** base64url without padding, as every binary value of WebAuthn's JSON is written. */
final class Base64Url {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The bytes of {@code text}; empty when it is not base64url without padding. */
    static Optional<byte[]> decode(String text) {
        if (text == null || !SHAPE.matcher(text).matches() || text.length() % 4 == 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void requireValid(String text, String what) {
        Objects.requireNonNull(text, what);
        if (decode(text).isEmpty()) {
            throw new IllegalArgumentException(what + " must be base64url without padding");
        }
    }
}
