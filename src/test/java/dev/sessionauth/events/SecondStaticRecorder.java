package dev.sessionauth.events;

import java.util.concurrent.LinkedBlockingQueue;

/** A second listener class for {@code listeners=A,B}: its own queue. */
public class SecondStaticRecorder extends Recorder {
    static final Recorder HEARD = new Recorder(QUEUE.INSTANCE);

    public SecondStaticRecorder() {
        super(QUEUE.INSTANCE);
    }

    private static final class QUEUE {
        static final LinkedBlockingQueue<Event> INSTANCE = new LinkedBlockingQueue<>();
    }
}
