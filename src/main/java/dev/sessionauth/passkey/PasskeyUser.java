package dev.sessionauth.passkey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The account a passkey is being registered for, as the registration options name it.
 *
 * <p>WebAuthn's {@code user.id} (the user handle the authenticator stores and returns at sign-in) is the UTF-8 bytes
 * of {@link #id()}, so a sign-in's user handle can be checked against the passkey's owner. Our user ids are random
 * row handles, not personal data, as the specification asks. (Better Auth sends a fresh random handle on every options
 * call and never reads it back; the client does not care which.)
 *
 * @param id          the user's id; at most 64 bytes in UTF-8, WebAuthn's limit for a user handle
 * @param name        what the browser shows to pick the account, normally the e-mail address (Better Auth: the
 *                    passkey label the client passed as {@code name}, else the e-mail, else the id)
 * @param displayName a friendlier name (Better Auth: the e-mail, else the id)
 */
public record PasskeyUser(String id, String name, String displayName) {
    /** WebAuthn's limit on a user handle. */
    public static final int MAX_ID_BYTES = 64;

    /** Refuses an empty or over-long id and a blank name. */
    public PasskeyUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_ID_BYTES) {
            throw new IllegalArgumentException("a WebAuthn user handle is 1 to 64 bytes; this user id has " + bytes);
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("a passkey user needs a name (normally the e-mail address)");
        }
    }

    /** The user handle as it goes on the wire: base64url, no padding, of the id's UTF-8 bytes. */
    public String handle() {
        return handleOf(id);
    }

    /** The user handle a sign-in by {@code userId}'s passkey returns. */
    static String handleOf(String userId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(userId.getBytes(StandardCharsets.UTF_8));
    }
}
