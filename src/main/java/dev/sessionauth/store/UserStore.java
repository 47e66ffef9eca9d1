package dev.sessionauth.store;

import dev.sessionauth.User;
import java.time.Instant;
import java.util.Optional;

/** Where users and their password credentials live. Every method may throw {@link StoreUnavailableException}. */
public interface UserStore {
    /**
     * Writes a new user, their password credential and their first session as one unit: all or nothing.
     *
     * @throws DuplicateEmailException when the e-mail address is taken
     */
    void createWithSession(User user, String passwordHash, NewSession firstSession);

    /** The user with this (lower-case) e-mail address and their password hash. */
    Optional<Credentials> findCredentials(String email);

    Optional<User> findById(String userId);

    /** Changes name and image; the user as stored afterwards, empty when there is no such user. */
    Optional<User> updateProfile(String userId, String name, Optional<String> image, Instant now);
}
