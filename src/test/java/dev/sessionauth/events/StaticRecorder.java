package dev.sessionauth.events;

import java.util.concurrent.LinkedBlockingQueue;

/** Registered by class name ({@code listeners=...}): its events land in a queue the test can reach. */
public class StaticRecorder extends Recorder {
    static final Recorder HEARD = new Recorder(QUEUE.INSTANCE);

    public StaticRecorder() {
        super(QUEUE.INSTANCE);
    }

    private static final class QUEUE {
        static final LinkedBlockingQueue<Event> INSTANCE = new LinkedBlockingQueue<>();
    }
}
