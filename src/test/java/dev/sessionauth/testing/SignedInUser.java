package dev.sessionauth.testing;

/** A signed-up (or signed-in) user and the browser holding its session; {@code token} is the raw session token. */
public record SignedInUser(TestClient browser, String email, String password, String token, String userId) {
    /** The value of the session cookie in this browser. */
    public String cookie() {
        return browser.cookie(Accounts.TOKEN_COOKIE).orElseThrow(() -> new AssertionError("no session cookie"));
    }
}
