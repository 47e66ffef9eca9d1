package dev.sessionauth.engine;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.spi.MailSender;
import dev.sessionauth.config.AuthConfig;

/**
 * The default {@link MailSender}: writes each message's link to the log, for development. When {@code baseURL} is
 * https (production) it withholds the link instead: a log line holding a live one-time link is a secret in the wrong
 * place, so it warns that a message was not sent and names the setting that fixes it; the link goes to DEBUG only.
 */
final class LoggingMailSender implements MailSender {
    private static final System.Logger LOG = System.getLogger(LoggingMailSender.class.getName());

    private final boolean production;

    LoggingMailSender(AuthConfig config) {
        this.production = config.baseUrl().filter(u -> u.startsWith("https:")).isPresent();
    }

    @Override
    public void send(Mail mail) {
        String what = mail.kind() + " mail for user " + mail.user().getId();
        if (production) {
            LOG.log(System.Logger.Level.WARNING, what + " was withheld: no mail sender is configured; set mail.sender"
                    + " to your MailSender class (or SessionAuth.builder().mailSender(...))");
            LOG.log(System.Logger.Level.DEBUG, () -> "withheld " + what + ": " + mail.link());
            return;
        }
        LOG.log(System.Logger.Level.INFO, what + " to " + mail.to() + ": " + mail.link()
                + " (development default: set mail.sender to mail it)");
    }
}
