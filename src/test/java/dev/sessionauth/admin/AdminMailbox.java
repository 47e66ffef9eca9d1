package dev.sessionauth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.spi.MailSender;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MailSender} named by class in {@code mail.sender} (so public, with a no-argument constructor) that files
 * each message under its recipient for the admin tests to read; addresses are unique per test, so tests share it.
 */
public final class AdminMailbox implements MailSender {
    private static final Map<String, BlockingQueue<Mail>> BY_RECIPIENT = new ConcurrentHashMap<>();

    public AdminMailbox() {
    }

    @Override
    public void send(Mail mail) {
        queue(mail.to()).add(mail);
    }

    private static BlockingQueue<Mail> queue(String address) {
        return BY_RECIPIENT.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new LinkedBlockingQueue<>());
    }

    /** The next message of {@code kind} to this address, skipping others; fails when none comes within 30 s. */
    static Mail next(String address, Mail.Kind kind) {
        try {
            while (true) {
                Mail mail = queue(address).poll(30, TimeUnit.SECONDS);
                assertThat(mail).as("a %s mail to %s", kind, address).isNotNull();
                if (mail.kind() == kind) {
                    return mail;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
