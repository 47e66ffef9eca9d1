package dev.sessionauth.admin;

import dev.sessionauth.User;
import java.util.List;

/**
 * One page of a user listing: the users, how many match in all, and the page it is (Better Auth's
 * {@code {users, total, limit, offset}}).
 */
public record UserPage(List<User> users, long total, int limit, int offset) {
    public UserPage {
        users = List.copyOf(users);
    }
}
