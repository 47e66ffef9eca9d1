package dev.sessionauth.spi;

import dev.sessionauth.User;
import java.util.List;
import java.util.Optional;

/**
 * Where the accounts of identity providers live, keyed by ({@code providerId}, {@code accountId}), beside the
 * password credential that {@link UserStore} keeps. Every method may throw {@link StoreUnavailableException}.
 */
public interface AccountStore {
    /**
     * Writes a new user who signs in with {@code account} (and no password), with their first session unless it is
     * empty, as one unit: all or nothing.
     *
     * @throws DuplicateEmailException when the e-mail address is taken
     * @throws DuplicateAccountException when the provider account is linked already
     */
    void createUser(User user, LinkedAccount account, Optional<NewSession> firstSession);

    /**
     * Links a provider account to an existing user.
     *
     * @throws DuplicateAccountException when it is linked (to anyone) already
     * @throws NoSuchUserException when the user is gone
     */
    void link(LinkedAccount account);

    /**
     * The user with this (lower-case) e-mail address, whether or not they have a password: a new provider identity
     * is checked against it before a user is made.
     */
    Optional<User> findUserByEmail(String email);

    /** The linked account of this provider and subject, if any. */
    Optional<LinkedAccount> find(String providerId, String accountId);

    /** The user's linked provider accounts, oldest first (not the password credential). */
    List<LinkedAccount> listOf(String userId);

    /** Whether the user has a password credential. */
    boolean hasPassword(String userId);

    /** Unlinks one of the user's provider accounts by its row id; whether one was unlinked. */
    boolean unlink(String userId, String accountRowId);
}
