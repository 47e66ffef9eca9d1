package dev.sessionauth.engine;

import dev.sessionauth.spi.MetaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A lease row in the meta store that lets one instance at a time delete expired rows, on every database (H2,
 * PostgreSQL, memory) alike: taken with a compare-and-set, renewed after every batch, given back at the end, and
 * free for another instance once {@link #TERM} passes without a renewal (its holder died). The value is
 * {@code "<holder> <expiry in epoch ms>"}.
 */
final class CleanupLease {
    static final String NAME = "cleanup_lease";
    /** Far longer than a batch takes; only an instance that stopped mid-run makes another wait this long. */
    static final Duration TERM = Duration.ofMinutes(2);

    private final MetaStore meta;
    private final String holder = UUID.randomUUID().toString();
    // Only the housekeeping thread that holds the lease touches it.
    private String held = "";

    CleanupLease(MetaStore meta) {
        this.meta = meta;
    }

    /** Takes the lease unless another instance holds it and has renewed it within {@link #TERM}; whether it did. */
    boolean acquire(Instant now) {
        String mine = value(now.plus(TERM));
        Optional<String> current = meta.get(NAME);
        boolean taken;
        if (current.isEmpty()) {
            taken = meta.putIfAbsent(NAME, mine).equals(mine);
        } else {
            taken = (isMine(current.get()) || expired(current.get(), now)) && meta.replace(NAME, current.get(), mine);
        }
        held = taken ? mine : "";
        return taken;
    }

    /** Extends the lease this instance holds; false when it was lost (taken over after a stall): stop working. */
    boolean renew(Instant now) {
        String next = value(now.plus(TERM));
        if (!held.isEmpty() && meta.replace(NAME, held, next)) {
            held = next;
            return true;
        }
        held = "";
        return false;
    }

    /** Gives the lease back, so the next run anywhere need not wait for it to lapse. */
    void release() {
        if (!held.isEmpty()) {
            meta.replace(NAME, held, value(Instant.EPOCH));
            held = "";
        }
    }

    private String value(Instant expiry) {
        return holder + " " + expiry.toEpochMilli();
    }

    private boolean isMine(String value) {
        return value.startsWith(holder + " ");
    }

    private static boolean expired(String value, Instant now) {
        try {
            return !Instant.ofEpochMilli(Long.parseLong(value.substring(value.indexOf(' ') + 1))).isAfter(now);
        } catch (RuntimeException e) {
            // Not a value we write: whoever wrote it does not hold a lease we can recognise.
            return true;
        }
    }
}
