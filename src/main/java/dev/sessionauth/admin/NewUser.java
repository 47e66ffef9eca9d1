package dev.sessionauth.admin;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user an admin (or the app's own code) creates: Better Auth's create-user body. The password is checked against
 * the password policy; the role defaults to {@code admin.defaultRole}; {@code fields} sets declared user fields
 * (every one but the ban's).
 */
public record NewUser(String email, String name, String password, Optional<String> role, boolean emailVerified,
                      Optional<String> image, Map<String, Object> fields) {
    public NewUser {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(image, "image");
        fields = Map.copyOf(fields);
    }

    /** A user with the default role, unverified, no image, no other fields. */
    public static NewUser of(String email, String name, String password) {
        return new NewUser(email, name, password, Optional.empty(), false, Optional.empty(), Map.of());
    }

    /** The same with this role. */
    public NewUser withRole(String newRole) {
        return new NewUser(email, name, password, Optional.of(newRole), emailVerified, image, fields);
    }

    /** The same, its e-mail address already verified. */
    public NewUser verified() {
        return new NewUser(email, name, password, role, true, image, fields);
    }

    @Override
    public String toString() {
        return "NewUser[" + email + role.map(r -> ", role=" + r).orElse("") + "]";
    }
}
