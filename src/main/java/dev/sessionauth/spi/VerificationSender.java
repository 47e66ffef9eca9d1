package dev.sessionauth.spi;

import dev.sessionauth.User;

/**
 * Delivers e-mail verification links: plug in your mail service (setting {@code emailVerification.sender}, a
 * public no-argument constructor, or {@code SessionAuth.builder().verificationSender(...)}). Called on a
 * background thread; an exception is logged and does not change the API's answer.
 */
public interface VerificationSender {
    /**
     * Sends {@code link} to {@code user}'s address. The link holds a one-time secret valid for
     * {@code emailVerification.expiresIn}: send it only to the user.
     */
    void send(User user, String link) throws Exception;
}
