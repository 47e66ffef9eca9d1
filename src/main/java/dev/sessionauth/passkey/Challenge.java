package dev.sessionauth.passkey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A WebAuthn challenge: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters), as
 * {@code @simplewebauthn/server} makes them for Better Auth. The integration keeps {@link #value()} server-side (single
 * use, a few minutes) between the options call and the verify call, and rebuilds it with {@link #of(String)}.
 *
 * <p>{@link #toString()} never shows the value, so a challenge cannot reach a log by accident.
 *
 * @param value the base64url form, exactly as it appears in the options JSON and in the browser's clientDataJSON
 */
public record Challenge(String value) {
    /** Bytes of randomness in a challenge (Better Auth's, and WebAuthn's recommended at least 16). */
    public static final int BYTES = 32;

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Refuses anything that is not 32 bytes in base64url without padding. */
    public Challenge {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a challenge is 32 bytes in base64url without padding (43 characters)");
        }
    }

    /** A new, unguessable challenge. */
    public static Challenge random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new Challenge(ENCODER.encodeToString(bytes));
    }

    /** The challenge a stored {@link #value()} stands for. */
    public static Challenge of(String value) {
        return new Challenge(value);
    }

    /** Hidden: challenges never go to logs. */
    @Override
    public String toString() {
        return "Challenge[…]";
    }
}
