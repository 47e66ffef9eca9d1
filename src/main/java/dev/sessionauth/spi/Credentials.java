package dev.sessionauth.spi;

import dev.sessionauth.User;

/** A user and the bcrypt hash of their password, for checking a sign-in; never leaves the engine. */
public record Credentials(User user, String passwordHash) {
    @Override
    public String toString() {
        return "Credentials[user=" + user.getId() + "]";
    }
}
