package dev.sessionauth.spi;

import dev.sessionauth.User;
import java.util.List;

/**
 * A user store without SQL that can hand out every user, so the admin tools can search and page through them in
 * memory (the in-memory store implements it). The JDBC stores are searched with SQL instead; a store of the app's own
 * implements this beside {@link UserStore} for the admin tools to list its users.
 */
public interface UserEnumeration {
    /** Every user as stored now, in no particular order. */
    List<User> allUsers();
}
