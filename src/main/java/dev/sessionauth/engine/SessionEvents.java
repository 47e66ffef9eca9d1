package dev.sessionauth.engine;

import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands session events to the {@link SessionListener}s on one background thread, so a slow or failing listener
 * never holds up or breaks a request. A full queue (a listener stuck for a long time) drops events, with a warning.
 */
public final class SessionEvents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionEvents.class.getName());
    private static final int QUEUE = 10_000;

    private final List<SessionListener> listeners;
    private final ThreadPoolExecutor executor;

    public SessionEvents(List<SessionListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "sessionauth-events");
            t.setDaemon(true);
            return t;
        }, (task, pool) -> LOG.log(System.Logger.Level.WARNING, "session event dropped: listeners are " + QUEUE
                + " events behind"));
    }

    /** Whether anybody listens: events that cost a store read are only prepared then. */
    boolean active() {
        return !listeners.isEmpty();
    }

    /**
     * Hands {@code event} to every listener on the events thread (features fire theirs here, such as the admin
     * tools' {@code adminAction}); never blocks the caller, never fails it.
     */
    public void publish(Consumer<SessionListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            for (SessionListener listener : listeners) {
                try {
                    event.accept(listener);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    // Errors too (a listener built against other classes): the next listener still hears the event.
                    LOG.log(System.Logger.Level.WARNING, "session listener " + listener.getClass().getName()
                            + " failed: " + e);
                }
            }
        });
    }

    /**
     * Tells every listener, on this thread and before anything is deleted, that {@code user} is about to be deleted.
     * A listener that fails stops the deletion: the app's own rows of the user may still be there.
     */
    void userDeleting(User user) {
        for (SessionListener listener : listeners) {
            try {
                listener.userDeleted(user);
            } catch (RuntimeException e) {
                throw new IllegalStateException("session listener " + listener.getClass().getName() + " failed in"
                        + " userDeleted, so user " + user.getId() + " was not deleted: " + e, e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
