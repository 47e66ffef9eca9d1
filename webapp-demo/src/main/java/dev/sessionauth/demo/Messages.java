package dev.sessionauth.demo;

import dev.sessionauth.ErrorMessages;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * The human words for error codes and the demo's notices, so pages show "The password is too short." instead of a
 * bare {@code ?error=PASSWORD_TOO_SHORT}: the library's messages ({@link ErrorMessages}), with the demo's own codes
 * and notices in {@code messages.properties}. Servlets call it; JSPs reach it as the EL functions
 * {@code demo:error(code)} and {@code demo:notice(name)} (WEB-INF/demo.tld).
 */
public final class Messages {
    private static final String BUNDLE_NAME = "dev.sessionauth.demo.messages";
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle(BUNDLE_NAME, Locale.ROOT);
    /**
     * What a code looks like (the library's upper-case codes, and the lower-case ones Better Auth's social sign-in
     * puts on its redirects, such as {@code account_not_linked}); anything else from the query string is not echoed
     * back, not even escaped.
     */
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z_]{0,63}");

    private Messages() {
    }

    /** The message for an error code; for a code the bundle lacks, a generic sentence that names it. Null in, null out. */
    public static String error(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        if (!CODE.matcher(code).matches()) {
            return "Something went wrong.";
        }
        return ErrorMessages.of(code, Locale.ROOT, BUNDLE_NAME).orElse("Something went wrong (" + code + ").");
    }

    /** The message for a notice name ({@code ?notice=PASSWORD_CHANGED}); unknown names show nothing. */
    public static String notice(String name) {
        if (name == null || !CODE.matcher(name).matches()) {
            return null;
        }
        return lookUp("notice." + name).orElse(null);
    }

    /** Whether the bundle has a message for this error code (for the test that every library code has one). */
    static boolean hasError(String code) {
        return ErrorMessages.of(code, Locale.ROOT, BUNDLE_NAME).isPresent();
    }

    private static Optional<String> lookUp(String key) {
        try {
            return Optional.of(BUNDLE.getString(key));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }
}
