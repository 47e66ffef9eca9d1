package dev.sessionauth.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the admin tools find users and whose a session is: SQL over {@code sa_user} with the JDBC stores
 * ({@link JdbcUserListing}), the store's own users in memory otherwise ({@link MemoryUserListing}).
 */
interface UserListing {
    /** One page of the users {@code query} matches, and how many match in all; bans judged at {@code now}. */
    UserPage page(UserQuery query, Instant now);

    /** The user whose session has this id, if it exists. */
    Optional<String> ownerOfSession(String sessionId);
}
