package dev.sessionauth.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.spi.MailSender;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MailSender} named by class in the {@code mail.sender} setting (public, no-argument constructor): files
 * every message under its recipient, so tests that use unique addresses never read each other's mail, whichever
 * server sent it. Mail goes out on a background thread, so reading waits (with a timeout).
 */
public final class Mailbox implements MailSender {
    private static final Map<String, BlockingQueue<Mail>> BY_RECIPIENT = new ConcurrentHashMap<>();
    private static final long TIMEOUT_SECONDS = 30;

    public Mailbox() {
    }

    @Override
    public void send(Mail mail) {
        queue(mail.to()).add(mail);
    }

    private static BlockingQueue<Mail> queue(String address) {
        return BY_RECIPIENT.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new LinkedBlockingQueue<>());
    }

    /** The next message to this address; fails when none comes within the timeout. */
    static Mail next(String address) {
        try {
            Mail mail = queue(address).poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(mail).as("a mail to %s", address).isNotNull();
            return mail;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message to this address, which must be of {@code kind}. */
    static Mail next(String address, Mail.Kind kind) {
        Mail mail = next(address);
        assertThat(mail.kind()).as("the kind of the mail to %s", address).isEqualTo(kind);
        return mail;
    }

    /** A message already delivered to this address and not yet read, if any; waits a moment for stragglers. */
    static Optional<Mail> pending(String address) {
        try {
            return Optional.ofNullable(queue(address).poll(300, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
