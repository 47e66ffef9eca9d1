package dev.sessionauth.engine;

import dev.sessionauth.Session;
import dev.sessionauth.User;

/**
 * The outcome of a sign-up or sign-in: the user, their new session and its bearer token. The token is the
 * only copy of the secret anywhere; it goes into the cookie and, for non-browser clients, the response body.
 *
 * @param browser the cookies to set for the new session (the token, and the jwt strategy's cache)
 */
public record SignedIn(User user, Session session, String token, BrowserUpdate browser) {
    @Override
    public String toString() {
        return "SignedIn[user=" + user.getId() + ", session=" + session.getId() + "]";
    }
}
