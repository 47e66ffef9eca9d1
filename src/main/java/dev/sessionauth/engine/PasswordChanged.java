package dev.sessionauth.engine;

import dev.sessionauth.User;
import java.util.Optional;

/**
 * The outcome of a password change: the user and, when the other sessions were revoked, the caller's new session
 * (whose cookie the browser must get: {@link SignedIn#browser()}).
 */
public record PasswordChanged(User user, Optional<SignedIn> newSession) {
}
