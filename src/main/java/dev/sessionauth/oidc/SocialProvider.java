package dev.sessionauth.oidc;

import java.util.Objects;

/**
 * A configured social sign-in provider as pages show it: its id ({@code socialProviders.<id>}, the
 * {@code provider} of {@code /sign-in/social}) and its name ({@code socialProviders.<id>.name}, the button's label).
 */
public record SocialProvider(String id, String name) {
    public SocialProvider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
