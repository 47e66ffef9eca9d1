package dev.sessionauth.oidc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} whose time moves only when the test says so; due tasks run on the test's thread. */
final class ManualScheduler implements Scheduler {
    private record Task(Duration due, long order, Runnable runnable) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Duration now = Duration.ZERO;
    private long scheduled;
    private boolean closed;

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        if (!closed) {
            tasks.add(new Task(now.plus(delay), scheduled++, task));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.clear();
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way, in order. */
    void advance(Duration duration) {
        Duration until;
        synchronized (this) {
            until = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due().compareTo(until) <= 0)
                        .min(Comparator.comparing(Task::due).thenComparing(Task::order)).orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                tasks.remove(next);
                now = next.due();
            }
            next.runnable().run();
        }
    }

    /** Runs what is due now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** How far from now each waiting task is due. */
    synchronized List<Duration> waiting() {
        return tasks.stream().map(t -> t.due().minus(now)).sorted().toList();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
