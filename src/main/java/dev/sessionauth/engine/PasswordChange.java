package dev.sessionauth.engine;

/**
 * A request to change the signed-in user's password, as {@code /change-password} takes it.
 *
 * @param revokeOtherSessions whether every other session of the user ends; the caller then gets a new session (its
 *                            old token dies too, in case it is the one that leaked)
 */
public record PasswordChange(String currentPassword, String newPassword, boolean revokeOtherSessions) {
    @Override
    public String toString() {
        return "PasswordChange[revokeOtherSessions=" + revokeOtherSessions + "]";
    }
}
