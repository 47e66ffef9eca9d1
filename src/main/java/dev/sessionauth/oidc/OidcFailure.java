package dev.sessionauth.oidc;

/**
 * Why a social sign-in was refused, each with the {@code error=} string Better Auth 1.7 puts on the callback redirect,
 * the JSON error code it answers on the ID-token path ({@code POST /sign-in/social} with {@code idToken}) and a message
 * that is safe to show (it never carries provider or library text).
 *
 * <p>Several failures share one Better Auth string: Better Auth reports every failed code exchange as
 * {@code invalid_code} and every ID token it cannot verify as {@code unable_to_get_user_info}; the finer constants
 * are for our logs and tests, the wire stays Better Auth's.
 */
public enum OidcFailure {
    /** The callback's parameters were repeated or oversized: a tampered or broken request. */
    INVALID_CALLBACK_REQUEST("invalid_callback_request", "INVALID_TOKEN", "The sign-in callback was malformed."),
    /** The callback carried no {@code state}. */
    STATE_NOT_FOUND("state_not_found", "INVALID_TOKEN", "The sign-in callback carried no state."),
    /** The callback's {@code state} is not the one this browser's sign-in started with (login CSRF defence). */
    STATE_MISMATCH("state_mismatch", "INVALID_TOKEN",
            "The sign-in callback does not belong to a sign-in started in this browser."),
    /** The provider promises an RFC 9207 {@code iss} response parameter and the callback had none. */
    ISSUER_MISSING("issuer_missing", "INVALID_TOKEN", "The provider's answer did not name its issuer."),
    /** The callback's {@code iss} names another issuer than this provider's (mix-up defence, RFC 9207). */
    ISSUER_MISMATCH("issuer_mismatch", "INVALID_TOKEN",
            "The answer came from another provider than the one the sign-in started with."),
    /** The provider answered {@code error=access_denied}: the user cancelled or the provider refused the user. */
    ACCESS_DENIED("access_denied", "INVALID_TOKEN", "The sign-in was cancelled or refused at the provider."),
    /**
     * The provider answered another {@code error}. {@link OidcException#callbackError()} carries the provider's own
     * code when it is one of the codes RFC 6749 and OpenID Connect define, else this constant's {@code server_error}.
     */
    PROVIDER_ERROR("server_error", "INVALID_TOKEN", "The provider reported an error."),
    /** The callback carried neither an error nor a {@code code}. */
    NO_CODE("no_code", "INVALID_TOKEN", "The provider's answer carried no authorization code."),
    /** The token endpoint refused the code ({@code invalid_grant}): expired, used, or PKCE does not match. */
    INVALID_CODE("invalid_code", "INVALID_TOKEN", "The provider refused the authorization code."),
    /** The token endpoint refused our client credentials ({@code invalid_client}): a configuration problem. */
    CLIENT_REJECTED("invalid_code", "INVALID_TOKEN", "The provider refused this application's credentials."),
    /** The token endpoint refused the request for another reason it named. */
    TOKEN_REQUEST_REFUSED("invalid_code", "INVALID_TOKEN", "The provider refused the code exchange."),
    /** The token endpoint failed: a 5xx, a redirect, or an answer that is not the JSON it must be. */
    TOKEN_ENDPOINT_FAILED("invalid_code", "INVALID_TOKEN", "The provider's token endpoint failed."),
    /** The token endpoint could not be reached or did not answer in time. */
    TOKEN_ENDPOINT_UNREACHABLE("invalid_code", "INVALID_TOKEN", "The provider's token endpoint did not answer."),
    /** An OpenID Connect provider's token response had no {@code id_token}. */
    ID_TOKEN_MISSING("unable_to_get_user_info", "INVALID_TOKEN", "The provider sent no ID token."),
    /** The ID token is not a compact, signed JWT (or is oversized). */
    ID_TOKEN_MALFORMED("unable_to_get_user_info", "INVALID_TOKEN", "The ID token is malformed."),
    /** The ID token is unsigned ({@code alg: none}), HMAC-signed, or signed with an algorithm the provider does not advertise. */
    ID_TOKEN_ALGORITHM_REFUSED("unable_to_get_user_info", "INVALID_TOKEN",
            "The ID token is signed with an algorithm that is not accepted."),
    /** No key of the provider's key set fits the ID token, even after fetching the keys again. */
    ID_TOKEN_KEY_UNKNOWN("unable_to_get_user_info", "INVALID_TOKEN",
            "The ID token is signed with a key the provider does not publish."),
    /** The ID token's signature does not verify. */
    ID_TOKEN_SIGNATURE_INVALID("unable_to_get_user_info", "INVALID_TOKEN", "The ID token's signature is invalid."),
    /** The ID token's {@code iss} is not this provider's issuer. */
    ID_TOKEN_ISSUER_MISMATCH("unable_to_get_user_info", "INVALID_TOKEN",
            "The ID token was issued by another provider."),
    /** The ID token's {@code aud} does not contain our client id, or its {@code azp} is another party. */
    ID_TOKEN_AUDIENCE_MISMATCH("unable_to_get_user_info", "INVALID_TOKEN",
            "The ID token was issued for another application."),
    /** The ID token has expired (beyond the allowed clock skew) or has no {@code exp}. */
    ID_TOKEN_EXPIRED("unable_to_get_user_info", "INVALID_TOKEN", "The ID token has expired."),
    /** The ID token's {@code iat} (or {@code nbf}) lies in the future beyond the allowed clock skew, or is absent. */
    ID_TOKEN_NOT_YET_VALID("unable_to_get_user_info", "INVALID_TOKEN", "The ID token is not valid yet."),
    /** The ID token's {@code nonce} is absent or not the one this sign-in sent (replay defence). */
    NONCE_MISMATCH("unable_to_get_user_info", "INVALID_TOKEN", "The ID token does not belong to this sign-in."),
    /** The ID token has no usable {@code sub}. */
    SUBJECT_MISSING("unable_to_get_user_info", "INVALID_TOKEN", "The ID token does not name the user."),
    /** The user info (OpenID Connect userinfo, GitHub's API) could not be fetched or did not fit the ID token. */
    USER_INFO_FAILED("unable_to_get_user_info", "FAILED_TO_GET_USER_INFO",
            "The user's details could not be fetched from the provider."),
    /** The provider gave no (for GitHub: no primary, verified) e-mail address. */
    EMAIL_NOT_FOUND("email_not_found", "USER_EMAIL_NOT_FOUND", "The provider gave no e-mail address for the user."),
    /** The provider issues no ID tokens (GitHub), so an app cannot sign in with one. */
    ID_TOKEN_NOT_SUPPORTED("unable_to_get_user_info", "ID_TOKEN_NOT_SUPPORTED",
            "This provider does not support signing in with an ID token.");

    private final String callbackError;
    private final String apiCode;
    private final String message;

    OidcFailure(String callbackError, String apiCode, String message) {
        this.callbackError = callbackError;
        this.apiCode = apiCode;
        this.message = message;
    }

    /** Better Auth's {@code error=} value on the callback redirect. */
    public String callbackError() {
        return callbackError;
    }

    /**
     * Better Auth's JSON error code when this failure ends a JSON request (an ID token sent to
     * {@code /sign-in/social} or {@code /link-social}): {@code INVALID_TOKEN} (401) for a refused token,
     * {@code USER_EMAIL_NOT_FOUND} (401), {@code FAILED_TO_GET_USER_INFO} (401), {@code ID_TOKEN_NOT_SUPPORTED} (404).
     */
    public String apiCode() {
        return apiCode;
    }

    /** A message for the user or the log that carries no provider or library text. */
    public String message() {
        return message;
    }
}
