package dev.sessionauth.engine;

/**
 * An action on an account that proves more than holding a session should: the started features may refuse it for
 * the session asking ({@link FeaturePart#checkSensitive}), as the admin tools refuse it to a session made by
 * impersonation.
 */
public enum SensitiveAction {
    /** Changing the password (knowing the current one). */
    CHANGE_PASSWORD,
    /** Changing the e-mail address. */
    CHANGE_EMAIL,
    /** Deleting the account. */
    DELETE_ACCOUNT,
    /**
     * Adding or removing a way in (a second factor, a passkey, a linked provider account): the features that manage
     * them ask through {@link FeatureContext#checkSensitive}.
     */
    CHANGE_WAYS_IN
}
