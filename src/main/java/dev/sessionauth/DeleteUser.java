package dev.sessionauth;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to delete the signed-in user: with the password, or relying on a sign-in younger than
 * {@code session.freshAge}; {@code callbackURL} is where a mailed confirmation link leads afterwards
 * ({@code deleteUser.sendConfirmation}). Built with {@code DeleteUser.withPassword(password)} or
 * {@code DeleteUser.withFreshSession()}.
 */
public record DeleteUser(Optional<String> password, Optional<String> callbackURL) {
    public DeleteUser {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(callbackURL, "callbackURL");
    }

    /** Deletion proved by the current password. */
    public static DeleteUser withPassword(String password) {
        return new DeleteUser(Optional.of(password), Optional.empty());
    }

    /** Deletion relying on a fresh sign-in ({@code SESSION_NOT_FRESH} otherwise). */
    public static DeleteUser withFreshSession() {
        return new DeleteUser(Optional.empty(), Optional.empty());
    }

    /** The same request, whose mailed confirmation link leads to {@code url} once the account is gone. */
    public DeleteUser withCallbackURL(String url) {
        return new DeleteUser(password, Optional.of(url));
    }

    @Override
    public String toString() {
        return "DeleteUser[" + (password.isPresent() ? "password" : "fresh session") + "]";
    }
}
