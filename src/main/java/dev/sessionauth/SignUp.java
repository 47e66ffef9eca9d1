package dev.sessionauth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a sign-up asks for; validated by {@link dev.sessionauth.SessionAuth#signUp}.
 *
 * @param fields values of declared additional user fields (only those a client may set, when from a client)
 */
public record SignUp(String name, String email, String password, Optional<String> image, boolean rememberMe,
                     Map<String, Object> fields) {
    public SignUp {
        // Unmodifiable but null-tolerant: {"nickname": null} is a value a client may send.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A sign-up without additional fields. */
    public SignUp(String name, String email, String password, Optional<String> image, boolean rememberMe) {
        this(name, email, password, image, rememberMe, Map.of());
    }

    @Override
    public String toString() {
        return "SignUp[email=" + email + "]";
    }
}
