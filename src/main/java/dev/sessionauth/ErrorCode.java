package dev.sessionauth;

/**
 * The error codes of the HTTP API and of {@link AuthException}, each with the HTTP status it is answered with.
 * The names are Better Auth's, so clients written for Better Auth recognise them.
 */
public enum ErrorCode {
    /**
     * No usable session where one is required: no cookie or bearer token, or one whose session was signed out or
     * revoked. From protected paths, the session endpoints and {@code requireUserId}.
     */
    UNAUTHORIZED(401, "Sign-in required"),
    /**
     * The presented session existed but has passed its expiry ({@code maxAge} without a refresh, or
     * {@code absoluteMaxAge}); it is deleted, so the next request with that cookie gets {@code UNAUTHORIZED}.
     */
    SESSION_EXPIRED(401, "Your session has expired; please sign in again"),
    /**
     * The presented session cookie or bearer token is malformed or its signature does not verify (tampered,
     * signed with another secret); also an unknown, used or expired link (e-mail verification, password reset,
     * e-mail change, account deletion).
     */
    INVALID_TOKEN(401, "The session token is not valid"),
    /**
     * The sign-in is older than {@code session.freshAge} and the action needs a recent one: paths under the
     * {@code fresh} setting, {@code Validation.requireFresh()}. Signing in again fixes it.
     */
    SESSION_NOT_FRESH(403, "Please sign in again to continue"),
    /**
     * The user's e-mail address must be verified first: sign-in when {@code emailVerification.required}, paths
     * under the {@code verified} setting, {@code Validation.requireVerified()}.
     */
    EMAIL_NOT_VERIFIED(403, "E-mail address not verified"),
    /**
     * A request that changes state carried two different live sessions, as when a sibling subdomain tosses its own
     * session cookie in beside the user's: answering for either could act as the wrong account. Signing out (which
     * ends both) and in again fixes it; under https the {@code __Host-} cookie cannot be tossed in.
     */
    CONFLICTING_SESSIONS(403, "This request carries two different sessions; sign out and sign in again"),
    /** Unknown e-mail or wrong password: deliberately the same answer for both. */
    INVALID_EMAIL_OR_PASSWORD(401, "Invalid e-mail or password"),
    /** Sign-up with an e-mail address that already has an account. */
    USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL(422, "User already exists; use another e-mail"),
    /** The e-mail address is not well-formed. */
    INVALID_EMAIL(400, "Invalid e-mail address"),
    /** The password is shorter than {@code password.minLength}. */
    PASSWORD_TOO_SHORT(400, "Password too short"),
    /** The password is longer than {@code password.maxLength}. */
    PASSWORD_TOO_LONG(400, "Password too long"),
    /** The password is on the list of the most common ones ({@code password.rejectCommon}). */
    PASSWORD_TOO_WEAK(400, "This password is too common; choose another"),
    /** The current password given to change the password or delete the account is not the user's. */
    INVALID_PASSWORD(400, "Invalid password"),
    /** The body is not valid JSON, a field has the wrong type, a required field is missing or unknown. */
    INVALID_REQUEST_BODY(400, "Invalid request body"),
    /** The request path could not be normalized unambiguously (encoded slash, {@code ..} above root, ...). */
    INVALID_PATH(400, "Invalid request path"),
    /**
     * The request's body did not arrive whole within {@code request.bodyTimeout}, or arrived slower than the minimum
     * rate: a client that sends its body a byte at a time would otherwise hold a thread of the app. The connection is
     * closed with this answer.
     */
    REQUEST_TIMEOUT(408, "The request body did not arrive in time"),
    /** The request body is larger than the API accepts. */
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    /** The body's content type is not one the endpoint accepts. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** An unsafe, cookie-bearing request came without an {@code Origin} or {@code Referer}, or with {@code null}. */
    MISSING_OR_NULL_ORIGIN(403, "Missing or null Origin"),
    /** An unsafe, cookie-bearing request, or a callback URL, names an origin that is not trusted. */
    INVALID_ORIGIN(403, "Invalid origin"),
    /** A form post to the app lacks the session's CSRF token. */
    INVALID_CSRF_TOKEN(403, "Invalid CSRF token"),
    /** No such endpoint under the API's base path. */
    NOT_FOUND(404, "Not found"),
    /** The endpoint exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    /** Too many requests from this client or for this account; the answer carries {@code Retry-After}. */
    TOO_MANY_REQUESTS(429, "Too many requests"),
    /** An unexpected failure on our side; details are in the server log, never in the answer. */
    INTERNAL_ERROR(500, "Internal error"),
    /** The session store cannot be reached. */
    SERVICE_UNAVAILABLE(503, "The session store is unavailable; try again shortly"),

    // social sign-in (socialProviders): Better Auth's codes and messages
    /** {@code /sign-in/social} or {@code /link-social} names a provider that is not configured. */
    PROVIDER_NOT_FOUND(404, "Provider not found"),
    /** An ID token was sent for a provider that issues none (GitHub). */
    ID_TOKEN_NOT_SUPPORTED(404, "id_token not supported"),
    /** The provider's user details could not be read from the ID token (or its userinfo endpoint). */
    FAILED_TO_GET_USER_INFO(401, "Failed to get user info"),
    /** The provider gave no e-mail address for the user. */
    USER_EMAIL_NOT_FOUND(401, "User email not found"),
    /**
     * A sign-in with an ID token was refused by the account-linking rules: the address belongs to a user it may not be
     * linked to ({@code account not linked}), or the user could not be created; the message says which.
     */
    OAUTH_LINK_ERROR(401, "account not linked"),
    /** {@code /link-social} with an ID token whose provider account belongs to another user. */
    SOCIAL_ACCOUNT_ALREADY_LINKED(409, "Social account already linked"),
    /** {@code /link-social} with an ID token whose e-mail address the provider has not verified. */
    LINKING_NOT_ALLOWED(401, "Account not linked - linking not allowed"),
    /** {@code /link-social} with an ID token for another e-mail address than the user's. */
    LINKING_DIFFERENT_EMAILS_NOT_ALLOWED(401, "Account not linked - different emails not allowed"),
    /** {@code /link-social} could not write the link. */
    LINKING_FAILED(417, "Account not linked - unable to create account"),
    /** {@code /unlink-account} would leave the user without any way to sign in. */
    FAILED_TO_UNLINK_LAST_ACCOUNT(400, "You can't unlink your last account"),
    /** {@code /unlink-account} names no provider account of the user. */
    ACCOUNT_NOT_FOUND(400, "Account not found"),
    /** {@code /get-access-token} or {@code /account-info} for an account that holds no access token. */
    ACCESS_TOKEN_NOT_FOUND(400, "Access token not found"),
    /** {@code /refresh-token} for an account whose provider gave no refresh token. */
    REFRESH_TOKEN_NOT_FOUND(400, "Refresh token not found"),
    /** {@code /get-access-token} needed a refresh and the provider refused it (the refresh token expired or was revoked). */
    FAILED_TO_GET_ACCESS_TOKEN(400, "Failed to get a valid access token"),
    /** {@code /refresh-token}: the provider refused the refresh (the refresh token expired or was revoked). */
    FAILED_TO_REFRESH_ACCESS_TOKEN(400, "Failed to refresh access token"),
    /** The account's provider is no longer among {@code socialProviders}, so its tokens cannot be used or refreshed. */
    PROVIDER_NOT_SUPPORTED(400, "Provider is not supported"),
    /**
     * A client sent {@code userId} naming another user to {@code /get-access-token}, {@code /refresh-token} or
     * {@code /account-info}: Better Auth takes it only from server code; over HTTP a caller reaches their own accounts.
     */
    USER_ID_NOT_ALLOWED(403, "userId may only name the signed-in user"),

    // admin (issue 26): Better Auth's admin plugin codes and messages, plus the few rules it lacks.
    /**
     * A client sent a field it may not set (a declared field without {@code input}, such as {@code role} or
     * {@code impersonatedBy}) at sign-up, update-user or update-session; the message names the field.
     */
    FIELD_NOT_ALLOWED(400, "Field not allowed to be set"),
    /** The user is banned: every way in (and impersonation) is refused until the ban is lifted or expires. */
    BANNED_USER(403, "You have been banned from this application. Please contact support if you believe this is an"
            + " error."),
    /** An admin call named a user that does not exist. */
    USER_NOT_FOUND(404, "User not found"),
    /** Only admins ({@code admin.roles}, {@code admin.userIds}) may create users. */
    YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS(403, "You are not allowed to create users"),
    /** Only admins may read another user's account. */
    YOU_ARE_NOT_ALLOWED_TO_GET_USER(403, "You are not allowed to get user"),
    /** Only admins may list users. */
    YOU_ARE_NOT_ALLOWED_TO_LIST_USERS(403, "You are not allowed to list users"),
    /** Only admins may change a user's role. */
    YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE(403, "You are not allowed to change users role"),
    /** Only admins may ban or unban users. */
    YOU_ARE_NOT_ALLOWED_TO_BAN_USERS(403, "You are not allowed to ban users"),
    /** Only admins may list another user's sessions. */
    YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS(403, "You are not allowed to list users sessions"),
    /** Only admins may end another user's sessions. */
    YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS(403, "You are not allowed to revoke users sessions"),
    /** Only admins may set another user's password. */
    YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD(403, "You are not allowed to set users password"),
    /** Only admins may remove users. */
    YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS(403, "You are not allowed to delete users"),
    /** Only admins may impersonate users. */
    YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS(403, "You are not allowed to impersonate users"),
    /** An admin tried to ban their own account. */
    YOU_CANNOT_BAN_YOURSELF(400, "You cannot ban yourself"),
    /** An admin tried to remove their own account. */
    YOU_CANNOT_REMOVE_YOURSELF(400, "You cannot remove yourself"),
    /** The target is an admin (or the caller): only with {@code admin.allowAdminTargets=true}. */
    YOU_CANNOT_IMPERSONATE_ADMINS(403, "You cannot impersonate admins"),
    /**
     * The target is another admin, whom an admin may not ban, remove, demote, give a new password, sign out or
     * reset the two-factor sign-in of unless {@code admin.allowAdminTargets=true}; operators use the Java API or
     * {@code admin.userIds}.
     */
    YOU_CANNOT_CHANGE_ADMINS(403, "You cannot change another admin"),
    /** A role must be a string or a list of strings. */
    INVALID_ROLE_TYPE(400, "Invalid role type"),
    /** stop-impersonating from a session that is not an impersonation. */
    NOT_IMPERSONATING(400, "You are not impersonating anyone"),
    /**
     * A session made by impersonation may not call admin endpoints, change the password or e-mail address, or delete
     * the account: the admin stops impersonating first.
     */
    NOT_ALLOWED_WHILE_IMPERSONATING(403, "This is not allowed while impersonating a user; stop impersonating first"),
    /**
     * Impersonation was asked with an {@code Authorization: Bearer} token: it swaps the browser's session cookie
     * (and keeps the admin's in a cookie of its own), so it needs the session cookie.
     */
    IMPERSONATION_NEEDS_COOKIE(400, "Impersonation needs the browser's session cookie, not a bearer token"),
    /** {@code /admin/update-user} with an empty {@code data} object: nothing to change. */
    NO_DATA_TO_UPDATE(400, "No data to update"),
    /** {@code /admin/update-user} cannot set a password: {@code /admin/set-user-password} does, with its policy. */
    PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER(400, "Password cannot be updated through update-user. Use the"
            + " set-user-password endpoint instead"),
    /** {@code /admin/update-user} cannot change a user's id, the handle every other record points at. */
    USER_ID_CANNOT_BE_UPDATED(400, "User id cannot be updated"),

    // twoFactor: Better Auth's TWO_FACTOR_ERROR_CODES (plugins/two-factor/error-code.ts), its statuses and messages
    /** A wrong, reused or malformed authenticator code ({@code verify-totp}). */
    INVALID_CODE(401, "Invalid code"),
    /** A wrong or already used backup code ({@code verify-backup-code}). */
    INVALID_BACKUP_CODE(401, "Invalid backup code"),
    /**
     * The pending sign-in has seen five wrong codes: it is gone, even the right code is refused, and a new sign-in
     * (the password again) starts afresh.
     */
    TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE(400, "Too many attempts. Please request a new code."),
    /** Ten wrong second-factor codes in a row: the user's codes are refused for 15 minutes ({@code Retry-After}). */
    ACCOUNT_TEMPORARILY_LOCKED(429, "Too many failed verification attempts. Your account is temporarily locked."
            + " Please try again later."),
    /** No pending sign-in for this browser: none started, expired, used, or its cookie is forged. */
    INVALID_TWO_FACTOR_COOKIE(401, "Invalid two factor cookie"),
    /** The user has no authenticator app enrolled (or has not confirmed it with a first code yet). */
    TOTP_NOT_ENABLED(400, "TOTP not enabled"),
    /** Two-factor is on already: disable it first to enrol a new authenticator app. */
    TOTP_ALREADY_ENABLED(400, "TOTP is already enabled"),
    /** New backup codes need two-factor on first. */
    TWO_FACTOR_NOT_ENABLED(400, "Two factor isn't enabled"),
    /** A backup code for a user who has none. */
    BACKUP_CODES_NOT_ENABLED(400, "Backup codes aren't enabled"),
    /** Codes by e-mail or SMS ({@code send-otp}, {@code verify-otp}, enable with {@code method: "otp"}) are not offered. */
    OTP_NOT_CONFIGURED(400, "OTP is not available"),
    /** The path needs two-factor sign-in turned on for the account ({@code twoFactor.required}). */
    TWO_FACTOR_REQUIRED(403, "Two-factor sign-in is required for this page; turn it on in your account settings"),

    // admin: resetting a user's two-factor sign-in (issue 26), under Better Auth's admin code for changing a user
    /** Only admins may change another user's account (turn off their two-factor sign-in). */
    YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS(403, "You are not allowed to update users");

    private final int status;
    private final String defaultMessage;

    ErrorCode(int status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    /** The HTTP status this code is answered with. */
    public int status() {
        return status;
    }

    /** A human-readable message used when no more specific one is given. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
