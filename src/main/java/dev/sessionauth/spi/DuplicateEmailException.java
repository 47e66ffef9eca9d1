package dev.sessionauth.spi;

/** A user with this e-mail address already exists; nothing was written. */
public final class DuplicateEmailException extends RuntimeException {
    public DuplicateEmailException() {
        super("a user with this e-mail address already exists", null, false, false);
    }
}
