package dev.sessionauth.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider says about its user now, for Better Auth's {@code /account-info}: the user in Better Auth's shape
 * ({@code id}, {@code name}, {@code email}, {@code image}, {@code emailVerified}) and the provider's own answer
 * ({@code data}: the userinfo endpoint's claims, GitHub's user).
 */
record ProviderProfile(String id, Optional<String> name, Optional<String> email, Optional<String> image,
        boolean emailVerified, ObjectNode data) {

    ProviderProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(data, "data");
    }
}
