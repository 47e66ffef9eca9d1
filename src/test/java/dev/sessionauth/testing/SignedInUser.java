package dev.sessionauth.testing;

/** A signed-up (or signed-in) user and the browser holding its session; {@code token} is the raw session token. */
public record SignedInUser(TestClient browser, String email, String password, String token, String userId) {
    /** Another browser of the same user, signed in with {@code password}; fails the test unless that worked. */
    public TestClient signInElsewhere(TestServer server, String password) {
        TestClient other = server.client();
        TestClient.Reply r = other.signIn(email, password);
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
        return other;
    }

    /** The value of the session cookie in this browser. */
    public String cookie() {
        return browser.cookie(Accounts.TOKEN_COOKIE).orElseThrow(() -> new AssertionError("no session cookie"));
    }
}
