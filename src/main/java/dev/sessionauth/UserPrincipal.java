package dev.sessionauth;

import java.security.Principal;
import java.util.Objects;

/**
 * The signed-in user as {@code request.getUserPrincipal()}: its {@link #getName()} is the user's id, the same value
 * as {@code getRemoteUser()}, so audit logs keyed on the principal survive a rename; the {@link User} (display
 * name, e-mail, fields) is {@link #getUser()}.
 *
 * <p>A final bean rather than a record so that JSP EL ({@code ${pageContext.request.userPrincipal.user.name}})
 * can read it.
 */
public final class UserPrincipal implements Principal {
    private final User user;

    /** The principal of a signed-in {@code user}. */
    public UserPrincipal(User user) {
        this.user = Objects.requireNonNull(user, "user");
    }

    /** The user's id: stable across renames, equal to {@code getRemoteUser()}. */
    @Override
    public String getName() {
        return user.getId();
    }

    /** The signed-in user, with the display name as {@link User#getName()}. */
    public User getUser() {
        return user;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserPrincipal other && other.user.getId().equals(user.getId());
    }

    @Override
    public int hashCode() {
        return user.getId().hashCode();
    }

    @Override
    public String toString() {
        return "UserPrincipal[" + user.getId() + "]";
    }
}
