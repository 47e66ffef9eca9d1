package dev.sessionauth;

/**
 * The outcome of a sign-up or sign-in: the user, their new session and its bearer token. The token is the
 * only copy of the secret anywhere; it goes into the cookie and, for non-browser clients, the response body.
 */
public record SignedIn(User user, Session session, String token) {
    @Override
    public String toString() {
        return "SignedIn[user=" + user.getId() + ", session=" + session.getId() + "]";
    }
}
