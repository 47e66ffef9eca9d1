package dev.sessionauth.passkey;

/**
 * Better Auth's {@code PASSKEY_ERROR_CODES} ({@code packages/passkey/src/error-codes.ts}), each with its message and the
 * HTTP status it is answered with. The names and messages are Better Auth's, so its client shows what it would show
 * against Better Auth; the error body is {@code {"code": name(), "message": message()}}.
 *
 * <p>Only the codes a server answers are here ({@code PREVIOUSLY_REGISTERED}, {@code REGISTRATION_CANCELLED},
 * {@code AUTH_CANCELLED} and {@code UNKNOWN_ERROR} are made up by the client) and the pre-auth registration codes are
 * left out until that mode exists.
 */
public enum PasskeyErrorCode {
    /** No challenge cookie, a badly signed one, or its challenge is used, expired or of the other ceremony. */
    CHALLENGE_NOT_FOUND(400, "Challenge not found"),
    /** The registration challenge was issued to another user than the session's. */
    YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY(401, "You are not allowed to register this passkey"),
    /**
     * The browser's registration response did not verify. Better Auth answers 500 when its verifier throws (which is
     * nearly always) and 400 otherwise; this is a client's mistake or an attack, so we answer 400.
     */
    FAILED_TO_VERIFY_REGISTRATION(400, "Failed to verify registration"),
    /** No passkey with the response's credential id (sign-in), or no such passkey of the caller's (delete, update). */
    PASSKEY_NOT_FOUND(401, "Passkey not found"),
    /**
     * The browser's sign-in response did not verify: wrong challenge, origin or RP, no user presence or verification,
     * a counter that went backwards (a cloned authenticator). A bad signature is answered 401, as Better Auth does.
     */
    AUTHENTICATION_FAILED(400, "Authentication failed"),
    /** A verified sign-in could not get a session. */
    UNABLE_TO_CREATE_SESSION(500, "Unable to create session"),
    /** The passkey's user is gone. */
    USER_NOT_FOUND(500, "User not found"),
    /** Renaming a passkey wrote nothing. */
    FAILED_TO_UPDATE_PASSKEY(500, "Failed to update passkey"),
    /** Registration needs a signed-in user. */
    SESSION_REQUIRED(401, "Passkey registration requires an authenticated session"),
    /**
     * Ours, not Better Auth's (which lets a user delete their only way in): the passkey is the user's last way to
     * sign in (no password, no other passkey, no linked account), so it is kept.
     */
    CANNOT_DELETE_LAST_WAY_IN(400, "This passkey is your only way to sign in: add another passkey or a password "
            + "first");

    private final int status;
    private final String message;

    PasskeyErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The HTTP status Better Auth answers this code with (see each constant for where we differ). */
    public int status() {
        return status;
    }

    /** Better Auth's message, safe to show. */
    public String message() {
        return message;
    }
}
