package dev.sessionauth.oidc;

import dev.sessionauth.ErrorCode;

/**
 * Why the account-linking rules refused a provider identity, with what Better Auth answers for it: the {@code error=}
 * string of a callback redirect, and the JSON error of a sign-in or link with an ID token.
 */
enum LinkRefusal {
    /**
     * A new identity's e-mail address belongs to a user it may not be linked to: the provider does not vouch for the
     * address, or the user never verified it (the pre-account takeover defence).
     */
    ACCOUNT_NOT_LINKED("account_not_linked", ErrorCode.OAUTH_LINK_ERROR, "account not linked"),
    /** No user could be made for a new identity (a required user field has no default). */
    UNABLE_TO_CREATE_USER("unable_to_create_user", ErrorCode.OAUTH_LINK_ERROR, "unable to create user"),
    /** The user's e-mail address must be verified before signing in ({@code emailVerification.required}). */
    EMAIL_NOT_VERIFIED("email_not_verified", ErrorCode.EMAIL_NOT_VERIFIED, "Email not verified"),
    /** A link's identity has an address the provider does not vouch for. */
    LINKING_NOT_ALLOWED("unable_to_link_account", ErrorCode.LINKING_NOT_ALLOWED,
            "Account not linked - linking not allowed"),
    /** A link's identity has another address than the signed-in user's. */
    EMAIL_DOES_NOT_MATCH("email_does_not_match", ErrorCode.LINKING_DIFFERENT_EMAILS_NOT_ALLOWED,
            "Account not linked - different emails not allowed"),
    /** A link's identity is linked to another user already. */
    ALREADY_LINKED("account_already_linked_to_different_user", ErrorCode.SOCIAL_ACCOUNT_ALREADY_LINKED,
            "Social account already linked"),
    /** The link could not be written (the user is gone). */
    LINKING_FAILED("unable_to_link_account", ErrorCode.LINKING_FAILED, "Account not linked - unable to create account"),
    /** An account's user is gone, or the account was recorded under another issuer than the identity's. */
    UNABLE_TO_LINK("unable_to_link_account", ErrorCode.OAUTH_LINK_ERROR, "unable to link account");

    private final String callbackError;
    private final ErrorCode code;
    private final String message;

    LinkRefusal(String callbackError, ErrorCode code, String message) {
        this.callbackError = callbackError;
        this.code = code;
        this.message = message;
    }

    /** Better Auth's {@code error=} value on a callback redirect. */
    String callbackError() {
        return callbackError;
    }

    /** The JSON error code of the ID-token path. */
    ErrorCode code() {
        return code;
    }

    /** Better Auth's message for the JSON error. */
    String message() {
        return message;
    }

    /** The refusal as an exception to throw. */
    Refused refused() {
        return new Refused(this);
    }

    /** A refusal thrown through the linking code. */
    static final class Refused extends RuntimeException {
        private final LinkRefusal refusal;

        Refused(LinkRefusal refusal) {
            super(refusal.message, null, false, false);
            this.refusal = refusal;
        }

        LinkRefusal refusal() {
            return refusal;
        }
    }
}
