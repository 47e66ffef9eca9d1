package dev.sessionauth;

import java.util.Optional;

/**
 * The outcome of a sign-up: the new user, and their first session unless e-mail verification is required
 * before signing in ({@code emailVerification.required}).
 */
public record SignUpResult(User user, Optional<SignedIn> signedIn) {
}
