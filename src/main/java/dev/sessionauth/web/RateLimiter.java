package dev.sessionauth.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionauth.config.AuthConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per client address on the auth API (DESIGN.md section 6). Every request takes a token from its address's bucket
 * ({@code rateLimit.max} per {@code rateLimit.window}); sign-up, send-verification-email, request-password-reset
 * and change-email also take one from the address's bucket for that endpoint ({@code rateLimit.strict.max} per
 * {@code rateLimit.strict.window}). Buckets (bucket4j) refill continuously, so a client that keeps to the rate never
 * meets the limit, and a burst up to the whole allowance is fine.
 *
 * <p>Kept in this instance's memory, bounded: a bucket untouched for its window is dropped (it would be full
 * again, so nothing is lost), and at most {@value #MAX_ADDRESSES} addresses are kept per kind. IPv6 addresses count
 * per /64, the block one subscriber usually gets, or a single client could pick a fresh address per request.
 */
final class RateLimiter {
    /** The endpoints with the tight allowance: each creates an account or sends mail to an address it is given. */
    static final Set<String> STRICT_ENDPOINTS = Set.of("/sign-up/email", "/send-verification-email",
            "/request-password-reset", "/change-email");
    private static final long MAX_ADDRESSES = 100_000;
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final boolean enabled;
    private final AuthConfig config;
    private final TimeMeter time;
    private final Cache<String, Bucket> perAddress;
    private final Cache<String, Bucket> perEndpoint;

    RateLimiter(AuthConfig config, Clock clock) {
        this.enabled = config.rateLimitEnabled();
        this.config = config;
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
        this.perAddress = buckets(clock, config.rateLimitWindow());
        this.perEndpoint = buckets(clock, config.strictWindow());
    }

    private static Cache<String, Bucket> buckets(Clock clock, Duration window) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(window)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Takes one request of {@code address} to {@code endpoint} from its allowance: empty when it may go on, else
     * how long until it could.
     */
    Optional<Duration> admit(String address, String endpoint) {
        if (!enabled) {
            return Optional.empty();
        }
        String key = addressKey(address);
        Optional<Duration> wait = take(perAddress.get(key, k -> bucket(config.rateLimitMax(), config.rateLimitWindow())));
        if (wait.isPresent() || !STRICT_ENDPOINTS.contains(endpoint)) {
            return wait;
        }
        return take(perEndpoint.get(endpoint + " " + key, k -> bucket(config.strictMax(), config.strictWindow())));
    }

    private Bucket bucket(int max, Duration window) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(max).refillGreedy(max, window))
                .withCustomTimePrecision(time)
                .build();
    }

    private static Optional<Duration> take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * What an address is counted as: IPv4 as it is (without a port some proxies append), IPv6 as its /64 prefix,
     * anything else (a proxy that writes names) as its first 64 characters.
     */
    static String addressKey(String address) {
        String a = address.strip();
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            a = end > 0 ? a.substring(1, end) : a;
        } else if (a.indexOf(':') > 0 && a.indexOf(':') == a.lastIndexOf(':') && a.indexOf('.') > 0) {
            a = a.substring(0, a.indexOf(':'));
        }
        if (a.indexOf(':') >= 0 && IPV6.matcher(a).matches()) {
            try {
                // A string with ':' that starts with a hex digit or ':' is parsed as a literal, never looked up.
                byte[] bytes = InetAddress.getByName(a).getAddress();
                if (bytes.length == 16) {
                    StringBuilder prefix = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        prefix.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF))).append(':');
                    }
                    return prefix.append(":/64").toString();
                }
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                // not an address after all: counted as the text it is
            }
        }
        return a.length() <= 64 ? a : a.substring(0, 64);
    }
}
