package dev.sessionauth.demo;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.spi.MailSender;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The demo's stand-in for a mail service: every message SessionAuth would have mailed (verification, password
 * reset, e-mail change, account deletion) is kept in memory and shown on the dev-only page {@code /dev/mail}
 * instead. Never use this in production: it shows one-time links to whoever opens that page.
 */
public final class DevMailbox implements MailSender {
    /** One message that would have been mailed. Getters for EL, which cannot read record accessors. */
    public record Message(Mail.Kind kind, String to, String link, Instant sentAt) {
        public Mail.Kind getKind() {
            return kind;
        }

        public String getTo() {
            return to;
        }

        public String getLink() {
            return link;
        }

        public Instant getSentAt() {
            return sentAt;
        }
    }

    private static final int KEEP = 100;
    private final Deque<Message> messages = new ConcurrentLinkedDeque<>();
    private final Clock clock;

    public DevMailbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) {
        messages.addFirst(new Message(mail.kind(), mail.to(), mail.link(), clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        while (messages.size() > KEEP) {
            messages.pollLast();
        }
    }

    /** The newest messages first. */
    public List<Message> messages() {
        return Collections.unmodifiableList(new ArrayList<>(messages));
    }
}
