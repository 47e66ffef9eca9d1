package dev.sessionauth.spi;

/** The provider account is linked to a user already; nothing was written. */
public final class DuplicateAccountException extends RuntimeException {
    /** The provider account is linked to a user already. */
    public DuplicateAccountException() {
        super("this provider account is linked already", null, false, false);
    }
}
