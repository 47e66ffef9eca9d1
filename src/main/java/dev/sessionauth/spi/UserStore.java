package dev.sessionauth.spi;

import dev.sessionauth.User;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Where users and their password credentials live. Every method may throw {@link StoreUnavailableException}. */
public interface UserStore {
    /**
     * Writes a new user, their password credential and (unless the user must verify their e-mail address
     * first) their first session as one unit: all or nothing. A {@code null} {@code passwordHash} writes a user
     * without a password, whom another way in (a passkey) signs in.
     *
     * @throws DuplicateEmailException when the e-mail address is taken
     */
    void create(User user, String passwordHash, Optional<NewSession> firstSession);

    /** {@link #create} with a first session. */
    default void createWithSession(User user, String passwordHash, NewSession firstSession) {
        create(user, passwordHash, Optional.of(firstSession));
    }

    /** The user with this (lower-case) e-mail address and their password hash. */
    Optional<Credentials> findCredentials(String email);

    Optional<User> findById(String userId);

    /**
     * Changes name, image and the given additional fields (others keep their values); the user as stored
     * afterwards, empty when there is no such user.
     */
    Optional<User> updateProfile(String userId, String name, Optional<String> image, Map<String, Object> fields,
                                 Instant now);

    /** Changes name and image only. */
    default Optional<User> updateProfile(String userId, String name, Optional<String> image, Instant now) {
        return updateProfile(userId, name, image, Map.of(), now);
    }

    /**
     * Sets only these fields of the user (a feature's own, such as {@code twoFactorEnabled}), keeping the rest; the
     * user afterwards, empty when there is no such user.
     */
    default Optional<User> updateFields(String userId, Map<String, Object> fields, Instant now) {
        return findById(userId).flatMap(u -> updateProfile(userId, u.getName(), Optional.ofNullable(u.getImage()),
                fields, now));
    }

    /**
     * Marks the user's e-mail address as verified, but only while it is {@code email}: one conditional write, so an
     * address changed a moment before is never the one marked. Whether it was marked.
     */
    boolean markEmailVerified(String userId, String email, Instant now);

    /** The user with this id and their password hash (for checking the current password). */
    Optional<Credentials> findCredentialsById(String userId);

    /** Replaces the user's password hash; whether the user has a password credential. */
    boolean updatePassword(String userId, String passwordHash, Instant now);

    /**
     * Gives the user a new (lower-case) e-mail address, not yet verified; the user as stored afterwards, empty when
     * there is no such user.
     *
     * @throws DuplicateEmailException when another user has the address, with nothing written
     */
    Optional<User> changeEmail(String userId, String newEmail, Instant now);

    /** Deletes the user with their credentials and sessions, all or nothing; whether the user existed. */
    boolean delete(String userId);
}
