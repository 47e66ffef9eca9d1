package dev.sessionauth.spi;

/** A user with this e-mail address already exists; nothing was written. */
public final class DuplicateEmailException extends RuntimeException {
    /** Another user has the e-mail address already. */
    public DuplicateEmailException() {
        super("a user with this e-mail address already exists", null, false, false);
    }
}
