package dev.sessionauth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.Session;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that queues what it hears; tests poll with a timeout, since events arrive on a background thread. */
public class Recorder implements SessionListener {
    /** One event: its kind, the session and user it is about, the reason (revoked) and the session's expiry. */
    public record Event(String kind, String sessionId, String userId, String reason, String expiresAt,
                        Thread thread) {
        @Override
        public String toString() {
            return kind + "(" + sessionId + (reason == null ? "" : ", " + reason) + ")";
        }
    }

    private final BlockingQueue<Event> events;

    public Recorder() {
        this(new LinkedBlockingQueue<>());
    }

    Recorder(BlockingQueue<Event> events) {
        this.events = events;
    }

    @Override
    public void created(Session session, User user) {
        // No assertion here: it would throw on the events thread, not in the test.
        String kind = session.getUserId().equals(user.getId()) ? "created" : "created-for-another-user";
        events.add(new Event(kind, session.getId(), user.getId(), null, session.getExpiresAt().toString(),
                Thread.currentThread()));
    }

    @Override
    public void refreshed(Session session) {
        events.add(new Event("refreshed", session.getId(), session.getUserId(), null,
                session.getExpiresAt().toString(), Thread.currentThread()));
    }

    @Override
    public void revoked(Session session, RevocationReason reason) {
        events.add(new Event("revoked", session.getId(), session.getUserId(), reason.name(),
                session.getExpiresAt().toString(), Thread.currentThread()));
    }

    @Override
    public void expired(Session session) {
        events.add(new Event("expired", session.getId(), session.getUserId(), null,
                session.getExpiresAt().toString(), Thread.currentThread()));
    }

    /** The next event, waiting for it a while. */
    Event next() {
        try {
            Event e = events.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("an event within the timeout").isNotNull();
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code n} events. */
    List<Event> next(int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The next event about this user (others' events, e.g. from an earlier server, are skipped). */
    Event nextFor(String userId) {
        while (true) {
            Event e = next();
            if (userId.equals(e.userId())) {
                return e;
            }
        }
    }

    void clear() {
        events.clear();
    }
}
