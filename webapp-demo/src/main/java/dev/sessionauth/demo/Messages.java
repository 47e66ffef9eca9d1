package dev.sessionauth.demo;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * The human words for the API's error codes and the demo's notices ({@code messages.properties}), so pages show
 * "The password must be at least 8 characters." instead of a bare {@code ?error=PASSWORD_TOO_SHORT}. Servlets call
 * it; JSPs reach it as the EL functions {@code demo:error(code)} and {@code demo:notice(name)} (WEB-INF/demo.tld).
 */
public final class Messages {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("dev.sessionauth.demo.messages", Locale.ROOT);
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
        return lookUp("error." + code).orElse("Something went wrong (" + code + ").");
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
        return lookUp("error." + code).isPresent();
    }

    private static Optional<String> lookUp(String key) {
        try {
            return Optional.of(BUNDLE.getString(key));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }
}
