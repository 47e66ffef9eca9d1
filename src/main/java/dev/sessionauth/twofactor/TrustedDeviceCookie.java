package dev.sessionauth.twofactor;

import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.TokenGenerator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues, rotates and reads the value of the "trust this device" cookie (Better Auth's {@code trust_device}):
 * {@code td1!<device id>!<base64url user id>}, signed by {@link CookieSigner} like the session cookie, so a value
 * altered in any character is refused before any store read. The cookie's name and attributes are the web layer's.
 *
 * <p>What a caller does with it: after a second factor with {@code trustDevice:true}, {@link #issue} a token,
 * store a trust row under {@link TrustedDeviceToken#storageKey()} with the user id and an expiry, and set the cookie
 * to {@link #value}. At a later password sign-in, {@link #read} the cookie; when the token {@link
 * TrustedDeviceToken#isFor is for} the user signing in and its row is live and theirs, skip the second factor,
 * then {@link #rotate}: delete the old row, store the new one, set the new value (so a copied cookie works once).
 */
public final class TrustedDeviceCookie {
    /** How long a device stays trusted: Better Auth's {@code TRUST_DEVICE_COOKIE_MAX_AGE}, 30 days. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    // A prefix of its own, so no other signed value of ours (a session token has no '!') can pass for this one.
    private static final String PREFIX = "td1!";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final CookieSigner signer;
    private final TokenGenerator tokens;

    public TrustedDeviceCookie(CookieSigner signer, TokenGenerator tokens) {
        this.signer = signer;
        this.tokens = tokens;
    }

    /** A new trusted device for {@code userId}. */
    public TrustedDeviceToken issue(String userId) {
        return new TrustedDeviceToken(tokens.newToken(), userId);
    }

    /** The token that replaces {@code used} once it has let its user skip a second factor: a new id, same user. */
    public TrustedDeviceToken rotate(TrustedDeviceToken used) {
        return issue(used.userId());
    }

    /** The cookie value of {@code token}: cookie-safe characters only (base64url, {@code !} and {@code .}). */
    public String value(TrustedDeviceToken token) {
        return signer.sign(PREFIX + token.deviceId() + "!" + ENCODER.encodeToString(utf8(token.userId())));
    }

    /**
     * The token a cookie value carries, when one of the configured secrets signed it and it has this cookie's
     * shape; empty for anything else (altered, foreign, another cookie's value), never an exception. Whether the
     * device is still trusted is the store's answer, not the cookie's.
     */
    public Optional<TrustedDeviceToken> read(String cookieValue) {
        Optional<String> signed = signer.verify(cookieValue);
        if (signed.isEmpty() || !signed.get().startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = signed.get().substring(PREFIX.length()).split("!", -1);
        if (parts.length != 2 || !TokenGenerator.looksLikeToken(parts[0]) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] userId = Base64.getUrlDecoder().decode(parts[1]);
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(userId))
                    .toString();
            return decoded.isEmpty() ? Optional.empty() : Optional.of(new TrustedDeviceToken(parts[0], decoded));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // Only our own signed values get here, so this is a value signed by a different build of this class.
            return Optional.empty();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
