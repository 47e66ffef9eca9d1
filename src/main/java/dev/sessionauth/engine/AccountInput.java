package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.CommonPasswords;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The checks an account's input passes before anything is stored: address, name, image, new password. */
final class AccountInput {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 255;
    private static final int MAX_IMAGE = 2048;

    private final AuthConfig config;

    AccountInput(AuthConfig config) {
        this.config = config;
    }

    /** The address trimmed and lower-cased, or {@code INVALID_EMAIL}. */
    static String normalizeEmail(String email) {
        String e = email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches()) {
            throw new AuthException(ErrorCode.INVALID_EMAIL);
        }
        return e;
    }

    static String checkName(String name) {
        String n = name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "name must be 1 to " + MAX_NAME + " characters");
        }
        return n;
    }

    /** The image URL trimmed; blank means none. */
    static Optional<String> checkImage(Optional<String> image) {
        Optional<String> i = image.map(String::strip).filter(s -> !s.isEmpty());
        if (i.filter(s -> s.length() > MAX_IMAGE).isPresent()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "image must be at most " + MAX_IMAGE + " characters");
        }
        return i;
    }

    void checkNewPassword(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < config.passwordMinLength()) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_SHORT,
                    "Password must be at least " + config.passwordMinLength() + " characters");
        }
        if (length > config.passwordMaxLength()) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_LONG,
                    "Password must be at most " + config.passwordMaxLength() + " characters");
        }
        if (config.rejectCommonPasswords() && CommonPasswords.contains(password)) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_WEAK, "This password is one of the most common ones, which"
                    + " attackers try first; choose another (a few unrelated words make a strong one)");
        }
    }
}
