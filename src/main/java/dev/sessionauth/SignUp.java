package dev.sessionauth;

import java.util.Optional;

/** What a sign-up asks for; validated by {@link SessionAuth#signUp}. */
public record SignUp(String name, String email, String password, Optional<String> image, boolean rememberMe) {
    @Override
    public String toString() {
        return "SignUp[email=" + email + "]";
    }
}
