package dev.sessionauth.passkey;

import java.util.List;
import java.util.Optional;

/**
 * Where passkeys are kept: the {@code sa_passkey} table beside the JDBC stores ({@link JdbcPasskeyStore}), or this
 * instance's memory when the app brought stores of its own ({@link MemoryPasskeyStore}). Every method may throw
 * {@link dev.sessionauth.spi.StoreUnavailableException}.
 */
interface PasskeyStore {
    /**
     * Keeps a new passkey.
     *
     * @throws DuplicateCredentialException when its credential id is registered already (to anyone)
     */
    void add(Passkey passkey);

    /** The user's passkeys, oldest first. */
    List<Passkey> listOf(String userId);

    /** How many passkeys the user has. */
    int countOf(String userId);

    /** The passkey with this credential id, whoever owns it. */
    Optional<Passkey> findByCredentialId(String credentialId);

    /** The passkey with this id, whoever owns it. */
    Optional<Passkey> find(String id);

    /**
     * Moves the passkey's signature counter from {@code expected} to {@code newCounter}, only if it still is
     * {@code expected}: of two sign-ins with the same counter (two copies of one authenticator), one moves it.
     * Whether it moved.
     */
    boolean advanceCounter(String id, long expected, long newCounter);

    /** Gives the passkey a new label; the passkey afterwards, empty when it is gone. */
    Optional<Passkey> rename(String id, String name);

    /**
     * Deletes the user's passkey {@code id} unless that leaves the user without a way in: with the user's removals
     * serialised (the user's row locked), {@code otherWaysIn} (a password, linked accounts) plus the passkeys the
     * user has must be more than one.
     */
    Removal remove(String userId, String id, int otherWaysIn);

    /** How a {@link #remove} ended. */
    enum Removal {
        /** Deleted. */
        DELETED,
        /** No passkey with that id. */
        NOT_FOUND,
        /** The passkey is another user's; nothing was deleted. */
        NOT_OWNER,
        /** It is the user's last way in; nothing was deleted. */
        LAST_WAY_IN
    }

    /** A credential id is registered already. */
    final class DuplicateCredentialException extends RuntimeException {
        DuplicateCredentialException() {
            super("this credential is registered already", null, false, false);
        }
    }
}
