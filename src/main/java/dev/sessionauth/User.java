package dev.sessionauth;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed-up user as the app sees it: never holds a password hash. {@link #getName()} is the display name,
 * {@link #getId()} the stable identifier. The request's principal is a {@link UserPrincipal} that holds it (and
 * whose name is the id, as {@code getRemoteUser()}).
 *
 * <p>A final class with JavaBean getters rather than a record so that JSP EL ({@code ${auth.user.email}})
 * can read it on every Jakarta EE 10 container.
 */
public final class User {
    private final String id;
    private final String name;
    private final String email;
    private final boolean emailVerified;
    private final String image;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Map<String, Object> fields;

    /** A user as a store reads it back; apps receive these, they do not make them. */
    public User(String id, String name, String email, boolean emailVerified, Optional<String> image,
                Instant createdAt, Instant updatedAt, Map<String, Object> fields) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.email = Objects.requireNonNull(email, "email");
        this.emailVerified = emailVerified;
        this.image = image.orElse(null);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        // Unmodifiable but null-tolerant and ordered: a JSON field may legitimately hold null.
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The user's id, stable for the life of the account. */
    public String getId() {
        return id;
    }

    /** The display name (Better Auth's {@code name}); not the principal's name, which is the id. */
    public String getName() {
        return name;
    }

    /** The e-mail address, normalised to lower case. */
    public String getEmail() {
        return email;
    }

    /** Whether the user has proved they own their e-mail address. */
    public boolean isEmailVerified() {
        return emailVerified;
    }

    /** The image URL, or {@code null} when the user has none. */
    public String getImage() {
        return image;
    }

    /** When the account was created. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When the profile last changed. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** The declared additional fields (for example {@code role}), by name. */
    public Map<String, Object> getFields() {
        return fields;
    }

    /** An additional field, typed; empty when absent or of another type. */
    public <T> Optional<T> get(String field, Class<T> type) {
        Object value = fields.get(field);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /**
     * Whether the user has two-factor sign-in on: the {@code twoFactorEnabled} field that two-factor sign-in keeps
     * (Better Auth's), false when the feature is switched off. In JSP EL {@code ${auth.user.twoFactorEnabled}}.
     */
    public boolean isTwoFactorEnabled() {
        return get("twoFactorEnabled", Boolean.class).orElse(false);
    }

    /** Whether the user's {@code role} field (one role or a comma-separated list) names this role. */
    public boolean hasRole(String role) {
        return get("role", String.class)
                .map(roles -> Arrays.stream(roles.split(",")).map(String::trim).anyMatch(role::equals))
                .orElse(false);
    }

    /**
     * The additional fields mapped onto a type of the app's own, e.g. {@code record Profile(String role,
     * Preferences preferences)}; fields the type does not declare are ignored.
     */
    public <T> T fieldsAs(Class<T> type) {
        return FieldMapping.MAPPER.convertValue(fields, type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User other && other.id.equals(id) && other.name.equals(name)
                && other.email.equals(email) && other.emailVerified == emailVerified
                && Objects.equals(other.image, image) && other.createdAt.equals(createdAt)
                && other.updatedAt.equals(updatedAt) && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "User[id=" + id + "]";
    }
}
