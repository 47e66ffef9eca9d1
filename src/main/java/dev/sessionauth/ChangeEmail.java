package dev.sessionauth;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to change the signed-in user's e-mail address: the new address, the current password (needed unless the
 * sign-in is younger than {@code session.freshAge}), and where the confirmation link leads once opened. Built with
 * {@code ChangeEmail.to("new@example.com").withPassword(password)}.
 */
public record ChangeEmail(String newEmail, Optional<String> password, Optional<String> callbackURL) {
    public ChangeEmail {
        Objects.requireNonNull(newEmail, "newEmail");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(callbackURL, "callbackURL");
    }

    /** A change to {@code newEmail}, relying on a fresh sign-in. */
    public static ChangeEmail to(String newEmail) {
        return new ChangeEmail(newEmail, Optional.empty(), Optional.empty());
    }

    /** The same change, proved with the current password. */
    public ChangeEmail withPassword(String currentPassword) {
        return new ChangeEmail(newEmail, Optional.of(currentPassword), callbackURL);
    }

    /** The same change, whose mailed link leads to {@code url} (a path of this app or a trusted origin) once opened. */
    public ChangeEmail withCallbackURL(String url) {
        return new ChangeEmail(newEmail, password, Optional.of(url));
    }

    @Override
    public String toString() {
        return "ChangeEmail[" + (password.isPresent() ? "password" : "fresh session") + "]";
    }
}
