package dev.sessionauth.passkey;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class logs (its {@code System.Logger} ends in java.util.logging) while a test runs: open it around the
 * action, read the messages, close it.
 */
final class LogRecords implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogRecords(Class<?> source) {
        // Held here: java.util.logging keeps loggers only weakly, and a collected one would lose the handler.
        this.logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    static LogRecords of(Class<?> source) {
        return new LogRecords(source);
    }

    /** The messages logged at WARNING or above so far. */
    List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
