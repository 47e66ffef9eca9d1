package dev.sessionauth;

/** The outcome of {@code delete-user}: the user deleted, or a confirmation link mailed to them first. */
public record DeleteUserResult(Status status, User user) {
    /** What happened. */
    public enum Status {
        /** The user and everything of theirs is gone. */
        DELETED,
        /** {@code deleteUser.sendConfirmation}: a link went to the user's address; opening it deletes the account. */
        CONFIRMATION_SENT
    }
}
