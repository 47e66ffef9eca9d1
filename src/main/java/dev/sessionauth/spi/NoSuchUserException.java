package dev.sessionauth.spi;

/**
 * The user a write names does not exist (any more): a session created for a user deleted a moment before, say.
 * Nothing was written. The client's race, not the store's failure.
 */
public final class NoSuchUserException extends RuntimeException {
    /** The user the write was for does not exist (any more). */
    public NoSuchUserException() {
        super("the user does not exist", null, false, false);
    }
}
