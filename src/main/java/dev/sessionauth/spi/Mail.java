package dev.sessionauth.spi;

import dev.sessionauth.User;
import java.util.Objects;

/**
 * One message SessionAuth wants mailed: what it is for, where it goes, the user it concerns and the link it carries.
 * The link holds a one-time secret: send it to {@link #to()} only, and never log it.
 *
 * @param kind what the message is for
 * @param to   the address to send it to (for an e-mail change, the new address)
 * @param user the user it concerns, as stored when it was written (for an e-mail change, still the old address)
 * @param link the absolute link the recipient opens; empty for a notice that carries none
 *             ({@link Kind#EMAIL_CHANGED}, {@link Kind#ACCOUNT_EXISTS})
 */
public record Mail(Kind kind, String to, User user, String link) {
    /** What a message is for; each has its own text in the app's mail templates. */
    public enum Kind {
        /** Confirms the address of a new or unverified account ({@code emailVerification.*}). */
        VERIFY_EMAIL,
        /** Lets the user set a new password ({@code request-password-reset}); valid {@code passwordReset.expiresIn}. */
        RESET_PASSWORD,
        /** Sent to the new address of a verified user who asked to change it; opening it makes the change. */
        CHANGE_EMAIL,
        /** Confirms that the user wants their account deleted ({@code deleteUser.sendConfirmation}). */
        DELETE_ACCOUNT,
        /**
         * Tells the old address that the account's address is changing or changed ({@link #user()} has the old one;
         * {@link #to()} is the old one): an owner whose session was stolen learns of it while the account is still
         * theirs to take back with a password reset. No link.
         */
        EMAIL_CHANGED,
        /**
         * Tells an address's owner that someone tried to sign up with it while e-mail verification is required (the
         * sign-up answered as if it were new, so nobody learns the address has an account). No link.
         */
        ACCOUNT_EXISTS
    }

    public Mail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(link, "link");
    }

    /** Names the kind and the user, never the link: a mail that reaches a log must not carry the secret. */
    @Override
    public String toString() {
        return "Mail[" + kind + ", user=" + user.getId() + "]";
    }
}
