package dev.sessionauth;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * The sentence a person reads for an error code, in their language: the library's bundle
 * ({@code dev/sessionauth/messages*.properties}, English and German), so a page shows "That e-mail and password do
 * not match an account." instead of {@code ?error=INVALID_EMAIL_OR_PASSWORD}. {@code <auth:error/>} renders it.
 */
public final class ErrorMessages {
    private static final String BUNDLE = "dev.sessionauth.messages";
    /**
     * What a code looks like (the library's upper-case codes and the lower-case ones Better Auth's social sign-in puts
     * on its redirects, such as {@code state_mismatch}): anything else taken from a query string is never looked up or
     * echoed.
     */
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private ErrorMessages() {
    }

    /** The message for {@code code} in {@code locale} (English where there is no translation). */
    public static String of(ErrorCode code, Locale locale) {
        return lookUp(BUNDLE, code.name(), locale).orElse(code.name());
    }

    /**
     * The message for a code given as text ({@code ?error=CODE}), looked up first in the app's own bundle
     * ({@code appBundle}, keys {@code error.<CODE>}, may be null) and then in the library's; empty for text that is
     * not a code or a code neither knows.
     */
    public static Optional<String> of(String code, Locale locale, String appBundle) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        Optional<String> own = appBundle == null || appBundle.isBlank() ? Optional.empty()
                : lookUp(appBundle, code, locale);
        return own.isPresent() ? own : lookUp(BUNDLE, code, locale);
    }

    private static Optional<String> lookUp(String bundle, String code, Locale locale) {
        try {
            ResourceBundle b = ResourceBundle.getBundle(bundle, locale == null ? Locale.ROOT : locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return b.containsKey("error." + code) ? Optional.of(b.getString("error." + code)) : Optional.empty();
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }
}
