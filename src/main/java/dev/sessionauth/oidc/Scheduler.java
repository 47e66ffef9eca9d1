package dev.sessionauth.oidc;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task later: what {@link ProviderDirectory} retries discovery with. An interface so a test drives time by
 * hand instead of sleeping; {@link #daemonThread(String)} is the real one.
 */
public interface Scheduler extends AutoCloseable {

    /** Runs {@code task} once, {@code delay} from now. */
    void schedule(Runnable task, Duration delay);

    /** Drops what is still scheduled and stops; later {@link #schedule} calls do nothing. */
    @Override
    void close();

    /** One daemon thread named {@code threadName}, so a forgotten directory never keeps the JVM alive. */
    static Scheduler daemonThread(String threadName) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return new Scheduler() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                if (!executor.isShutdown()) {
                    executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
