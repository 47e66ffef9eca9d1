package dev.sessionauth.admin;

import dev.sessionauth.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The cookie that keeps an impersonating admin's own session token while their browser holds the impersonation:
 * AES-GCM under a key derived from the app's secret (Better Auth's {@code admin_session} is only signed, so the
 * admin's token could be read from it), bound to the impersonation's session id so it opens only beside that
 * session, and living no longer than the impersonation. HttpOnly, SameSite and Secure like the session cookie.
 */
final class AdminCookie {
    /** Its name after {@code cookie.prefix}: Better Auth's. */
    static final String NAME = "admin_session";
    private static final String PURPOSE = "sessionauth admin impersonation: the admin's own session";

    private final SecretBox box;

    AdminCookie(List<byte[]> secrets) {
        this.box = new SecretBox(secrets, PURPOSE);
    }

    /** The cookie's value for the admin's token beside impersonation session {@code sessionId}. */
    String seal(String adminToken, String sessionId) {
        return box.encrypt(adminToken.getBytes(StandardCharsets.UTF_8), sessionId);
    }

    /** The admin's token, if {@code value} is a cookie this app sealed beside session {@code sessionId}. */
    Optional<String> open(String value, String sessionId) {
        try {
            return Optional.of(new String(box.decrypt(value, sessionId), StandardCharsets.UTF_8));
        } catch (SecretBox.UndecryptableException e) {
            return Optional.empty();
        }
    }
}
