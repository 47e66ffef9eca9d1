package dev.sessionauth.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionauth.AuthException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Allowances per client address: {@code max} per {@code window}, in token buckets (bucket4j) that refill
 * continuously, so a client that keeps to the rate never meets the limit and a burst up to the whole allowance is
 * fine. Used twice: for every request to the HTTP API ({@code rateLimit.max} per {@code rateLimit.window}, by the web
 * layer), and by the engine for what creates an account or mails an address it is given ({@code rateLimit.strict.*},
 * each {@link Action} counted on its own), so the Java API gets the same limits as the HTTP API.
 *
 * <p>Kept in this instance's memory, bounded: a bucket untouched for its window is dropped (it would be full again,
 * so nothing is lost), and at most {@value #MAX_KEYS} are kept. Addresses count as {@link AddressKey} says.
 */
public final class AddressLimits {
    /** The actions with the strict allowance. */
    enum Action { SIGN_UP, SEND_VERIFICATION, REQUEST_PASSWORD_RESET, CHANGE_EMAIL }

    private static final long MAX_KEYS = 100_000;

    private final int max;
    private final Duration window;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** {@code max} per {@code window} for each address, on the engine's clock (tests move it). */
    public AddressLimits(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(window)
                .ticker(() -> clock.millis() * 1_000_000L).executor(Runnable::run).build();
    }

    /** Takes one request of {@code address} from its allowance; {@code TOO_MANY_REQUESTS} when it is spent. */
    public void take(String address) {
        take(AddressKey.of(address), "Too many requests from your address; try again later");
    }

    /**
     * Takes one of {@code address}'s allowance for {@code action}. A call without a known address (the app's own code
     * that passed none) is not counted per address.
     */
    void take(Action action, String address) {
        if (!address.isEmpty()) {
            take(action + " " + AddressKey.of(address), "Too many requests of this kind from your address; try again"
                    + " later");
        }
    }

    private void take(String key, String message) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(max).refillGreedy(max, window))
                .withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw AuthException.tooManyRequests(message, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
