package dev.sessionauth.engine;

import dev.sessionauth.User;
import java.util.Optional;

/**
 * The outcome of a sign-up: the new user, and their first session unless e-mail verification is required
 * before signing in ({@code emailVerification.required}).
 */
public record SignedUp(User user, Optional<SignedIn> signedIn) {
}
