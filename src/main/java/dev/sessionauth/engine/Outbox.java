package dev.sessionauth.engine;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.spi.MailSender;
import java.util.concurrent.Executor;

/** Hands mail to the {@link MailSender} on the background thread, so a slow mail server never holds up a request. */
public final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final MailSender sender;
    private final Executor background;

    Outbox(MailSender sender, Executor background) {
        this.sender = sender;
        this.background = background;
    }

    /** Sends {@code mail} soon; a failure is logged (without the link) and changes no answer. */
    void post(Mail mail) {
        background.execute(() -> {
            try {
                sender.send(mail);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "sending the " + mail.kind() + " mail to user "
                        + mail.user().getId() + " failed: " + e);
            }
        });
    }

    /** Runs {@code work} (which ends in a {@link #post}) on the background thread, after the request's answer. */
    void later(Runnable work) {
        background.execute(work);
    }

    MailSender sender() {
        return sender;
    }
}
