package dev.sessionauth;

/**
 * The outcome of a request to change the user's e-mail address.
 *
 * @param user the user afterwards (unchanged unless {@link Status#CHANGED})
 */
public record EmailChangeResult(Status status, User user) {
    /** What happened. The HTTP API answers the same for each, so it tells nobody whether an address is taken. */
    public enum Status {
        /** An unverified user's address changed at once; a verification link went to the new address. */
        CHANGED,
        /** A verified user's new address got a link; the address changes when it is opened. */
        CONFIRMATION_SENT,
        /** Another account has the address: nothing changed and nothing was sent. */
        ADDRESS_TAKEN
    }
}
