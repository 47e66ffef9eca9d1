package dev.sessionauth.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The settings of mail and of the account lifecycle: who delivers mail, how password resets and account deletions
 * behave. Part of {@link AuthConfig} ({@code config.accounts()}).
 *
 * @param mailSender              class name of the {@code MailSender} ({@code mail.sender}); empty: the logging one
 * @param resetExpiresIn          how long a password-reset link works ({@code passwordReset.expiresIn}, 1h)
 * @param resetRevokesSessions    whether a reset ends every session of the user ({@code passwordReset.revokeSessions},
 *                                true: a reset is what an owner does when someone else may be signed in)
 * @param deleteSendsConfirmation whether delete-user mails a confirmation link instead of deleting at once
 *                                ({@code deleteUser.sendConfirmation}, false)
 * @param deleteExpiresIn         how long that confirmation link works ({@code deleteUser.expiresIn}, 1d)
 */
public record AccountSettings(Optional<String> mailSender, Duration resetExpiresIn, boolean resetRevokesSessions,
                              boolean deleteSendsConfirmation, Duration deleteExpiresIn) {

    static AccountSettings read(SettingReader r) {
        Optional<String> sender = r.optional(Settings.MAIL_SENDER, v -> r.className(Settings.MAIL_SENDER, v));
        return new AccountSettings(sender, r.positiveDuration(Settings.PASSWORD_RESET_EXPIRES_IN, "1h"),
                r.bool(Settings.PASSWORD_RESET_REVOKE_SESSIONS, true), r.bool(Settings.DELETE_USER_SEND_CONFIRMATION,
                false), r.positiveDuration(Settings.DELETE_USER_EXPIRES_IN, "1d"));
    }
}
