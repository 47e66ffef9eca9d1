package dev.sessionauth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The configured providers, each ready once its discovery document has loaded. {@link #start()} loads every OpenID
 * Connect provider's discovery in the background (start-up never waits on a provider) and retries a failed load
 * with {@link Backoff} until it succeeds; until then {@link #client(String)} answers that the provider is unavailable
 * (503 {@code SERVICE_UNAVAILABLE}). GitHub needs no discovery and is ready at once. {@link #close()} stops the
 * retries (on shutdown).
 */
public final class ProviderDirectory implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProviderDirectory.class.getName());

    private final Map<String, Slot> slots;
    private final Discovery discovery;
    private final OidcHttp http;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    /** One provider's state; written by the loading task, read by request threads. */
    private static final class Slot {
        final ProviderSettings settings;
        volatile OidcClient client;
        volatile String problem = "its discovery document has not been loaded yet";
        // only touched by the loading task
        int failures;

        Slot(ProviderSettings settings) {
            this.settings = settings;
        }
    }

    /**
     * The directory of {@code providers}, fetching through {@code http}, verifying with {@code clock}, retrying on
     * {@code scheduler} (which it owns from now on and closes) after {@code backoff}.
     *
     * @throws ProviderConfigException if two providers have the same id
     */
    public ProviderDirectory(List<ProviderSettings> providers, OidcHttp http, Clock clock, Scheduler scheduler,
            Backoff backoff) {
        Map<String, Slot> byId = new LinkedHashMap<>();
        for (ProviderSettings settings : providers) {
            if (byId.put(settings.id(), new Slot(settings)) != null) {
                throw new ProviderConfigException("socialProviders." + settings.id()
                        + " is configured twice: keep one");
            }
        }
        this.slots = Collections.unmodifiableMap(byId);
        this.http = http;
        this.discovery = new Discovery(http);
        this.clock = clock;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    /** A started directory of {@code providers} with the default HTTP timeouts, system clock and backoff. */
    public static ProviderDirectory start(List<ProviderSettings> providers) {
        ProviderDirectory directory = new ProviderDirectory(providers, OidcHttp.defaults(), Clock.systemUTC(),
                Scheduler.daemonThread("sessionauth-oidc-discovery"), Backoff.DEFAULT);
        directory.start();
        return directory;
    }

    /** Makes GitHub providers ready and schedules every OpenID Connect provider's first load now; once only. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        for (Slot slot : slots.values()) {
            if (slot.settings.protocol() instanceof Protocol.GitHub) {
                slot.client = OidcClient.gitHub(slot.settings, http);
            } else {
                scheduler.schedule(() -> load(slot), Duration.ZERO);
            }
        }
    }

    /** The configured providers' settings, in configuration order. */
    public List<ProviderSettings> settings() {
        return slots.values().stream().map(slot -> slot.settings).toList();
    }

    /** The configured providers' ids, in configuration order. */
    public Set<String> providerIds() {
        return slots.keySet();
    }

    /**
     * The client of provider {@code id}, or empty if no such provider is configured (404 {@code PROVIDER_NOT_FOUND}).
     *
     * @throws ProviderUnavailableException if it is configured but its discovery has not loaded (yet)
     */
    public Optional<OidcClient> client(String id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            return Optional.empty();
        }
        OidcClient client = slot.client;
        if (client == null) {
            throw new ProviderUnavailableException(id, "socialProviders." + id + " is not available: " + slot.problem);
        }
        return Optional.of(client);
    }

    /** Stops retrying; clients already made keep working. */
    @Override
    public void close() {
        closed = true;
        scheduler.close();
    }

    private void load(Slot slot) {
        if (closed) {
            return;
        }
        String id = slot.settings.id();
        try {
            Protocol.OpenIdConnect protocol = (Protocol.OpenIdConnect) slot.settings.protocol();
            ProviderMetadata metadata = discovery.fetch(id, protocol);
            slot.client = OidcClient.openIdConnect(slot.settings, metadata, http, clock);
            LOG.log(System.Logger.Level.INFO, "socialProviders." + id + " is ready (issuer " + metadata.issuer()
                    + (slot.failures > 0 ? ", after " + slot.failures + " failed tries)" : ")"));
        } catch (ProviderUnavailableException | ProviderConfigException e) {
            retry(slot, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "socialProviders." + id + ": loading failed unexpectedly", e);
            retry(slot, "loading failed unexpectedly (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void retry(Slot slot, String problem) {
        slot.failures++;
        slot.problem = problem;
        Duration delay = backoff.delay(slot.failures);
        LOG.log(System.Logger.Level.WARNING, problem + "; trying again in " + delay.toSeconds() + " s");
        if (!closed) {
            scheduler.schedule(() -> load(slot), delay);
        }
    }
}
