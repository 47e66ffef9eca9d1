package dev.sessionauth.engine;

/**
 * What a sign-in asks for; checked by {@link dev.sessionauth.SessionAuth#signIn}.
 *
 * @param rememberMe whether the session outlives the browser session (Better Auth's {@code rememberMe})
 */
public record SignIn(String email, String password, boolean rememberMe) {
    @Override
    public String toString() {
        return "SignIn[email=" + email + "]";
    }
}
