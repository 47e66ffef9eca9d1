package dev.sessionauth;

/**
 * The outcome of opening a verification link: the user whose address is now verified, and what the browser that
 * opened it must be told (a fresh jwt cache when it is signed in as that user).
 */
public record EmailVerified(User user, BrowserUpdate browser) {
}
