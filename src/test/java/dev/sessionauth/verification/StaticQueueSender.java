package dev.sessionauth.verification;

import dev.sessionauth.User;
import dev.sessionauth.spi.VerificationSender;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A sender named by class in the {@code emailVerification.sender} setting: public, with a no-argument constructor. */
public final class StaticQueueSender implements VerificationSender {
    static final BlockingQueue<String> SENT = new LinkedBlockingQueue<>();

    public StaticQueueSender() {
    }

    @Override
    public void send(User user, String link) {
        SENT.add(user.getEmail() + " " + link);
    }
}
