package dev.sessionauth;

import java.util.Optional;

/**
 * A request to delete the signed-in user, as {@code /delete-user} takes it: with the password (or a sign-in younger
 * than {@code session.freshAge}), or with the token of a confirmation link mailed before.
 *
 * @param callbackURL where a mailed confirmation link leads after the deletion
 */
public record DeleteUser(Optional<String> password, Optional<String> token, Optional<String> callbackURL) {
    @Override
    public String toString() {
        return "DeleteUser[" + (password.isPresent() ? "password" : token.isPresent() ? "token" : "fresh session")
                + "]";
    }
}
