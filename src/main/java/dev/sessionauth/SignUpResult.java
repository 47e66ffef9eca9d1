package dev.sessionauth;

/**
 * The outcome of {@link SessionAuth#signUp}: the new user, and whether this browser is now signed in as them (not
 * when {@code emailVerification.required} asks for the address to be verified first).
 *
 * @param user     the user as created
 * @param signedIn whether a session was started and its cookie set
 */
public record SignUpResult(User user, boolean signedIn) {
}
