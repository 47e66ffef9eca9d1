package dev.sessionauth.twofactor;

import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;

/**
 * What a "trust this device" cookie stands for: a random device id (32 bytes, base64url), which keys the server's
 * trust row through its hash ({@link #storageKey()}), and the user it was granted to. Made and read by
 * {@link TrustedDeviceCookie}.
 *
 * @param deviceId the bearer secret: only in the cookie, never stored or logged
 * @param userId   the user who passed a second factor on this device
 */
public record TrustedDeviceToken(String deviceId, String userId) {

    public TrustedDeviceToken {
        if (!TokenGenerator.looksLikeToken(deviceId)) {
            throw new IllegalArgumentException("a device id is 32 random bytes, base64url");
        }
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("a trusted device belongs to a user");
        }
    }

    /** The trust row's key: SHA-256 of the device id, so a leaked table holds no usable cookie. */
    public String storageKey() {
        return TokenHasher.hash(deviceId);
    }

    /**
     * Whether this device was trusted by {@code signingIn}: another user signing in in the same browser still
     * needs a code.
     */
    public boolean isFor(String signingIn) {
        return userId.equals(signingIn);
    }

    /** Never the device id: these end up in logs. */
    @Override
    public String toString() {
        return "TrustedDeviceToken[userId=" + userId + "]";
    }
}
