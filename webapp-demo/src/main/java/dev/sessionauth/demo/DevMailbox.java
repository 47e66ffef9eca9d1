package dev.sessionauth.demo;

import dev.sessionauth.User;
import dev.sessionauth.VerificationSender;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The demo's stand-in for a mail service: verification links are kept in memory and shown on the dev-only
 * page {@code /dev/mail} instead of being mailed. Never use this in production.
 */
public final class DevMailbox implements VerificationSender {
    /** One message that would have been mailed. */
    public record Message(String to, String link, Instant sentAt) {
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

    private static final int KEEP = 50;
    private final Deque<Message> messages = new ConcurrentLinkedDeque<>();

    @Override
    public void send(User user, String link) {
        messages.addFirst(new Message(user.getEmail(), link, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        while (messages.size() > KEEP) {
            messages.pollLast();
        }
    }

    /** The newest messages first. */
    public List<Message> messages() {
        return Collections.unmodifiableList(new ArrayList<>(messages));
    }
}
