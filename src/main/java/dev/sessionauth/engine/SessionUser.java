package dev.sessionauth.engine;

import dev.sessionauth.User;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The user of a resolved session, as a {@link Resolution} carries it: either read already (with the session, or
 * from the jwt strategy's cookie) or read from the store the first time something asks for it (the app, a tag,
 * {@code getUserPrincipal}/{@code isUserInRole}, a {@code verified=} rule, the API). The session row alone
 * authorises a request (deleting a user deletes its sessions), so a request that never asks never reads the user
 * row. At most one read per resolution, never kept beyond it: a role or address changed in the database is seen
 * by the next request.
 */
public final class SessionUser {
    private static final SessionUser NONE = new SessionUser(Optional.empty(), null);

    private final Supplier<Optional<User>> reader;
    private volatile Optional<User> user;

    private SessionUser(Optional<User> user, Supplier<Optional<User>> reader) {
        this.user = user;
        this.reader = reader;
    }

    /** A user that is known already. */
    public static SessionUser of(User user) {
        return new SessionUser(Optional.of(user), null);
    }

    /** No user: the resolution has no session. */
    public static SessionUser none() {
        return NONE;
    }

    /**
     * A user read by {@code reader} when first asked; empty when the row is gone (the user was deleted since the
     * session was read, which deletes the session too), so whoever asks sees no user rather than a stale one.
     */
    public static SessionUser readOnDemand(Supplier<Optional<User>> reader) {
        return new SessionUser(null, reader);
    }

    /** The user, read now if it was not yet. May throw what the store throws when it is down. */
    public Optional<User> get() {
        Optional<User> known = user;
        if (known == null) {
            synchronized (this) {
                known = user;
                if (known == null) {
                    known = reader.get();
                    user = known;
                }
            }
        }
        return known;
    }

    /** Whether the user has been read (or was known from the start); asking does not read it. */
    public boolean isRead() {
        return user != null;
    }
}
