package dev.sessionauth.paths;

import dev.sessionauth.testing.RawClient;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestServer;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app of the path tests (the demo's routing, {@link DemoApp}, unless another is given) running in one real
 * {@link Container} (a {@link TestServer}) over a fresh in-memory H2, with two users signed up through the HTTP API
 * ({@link Identity}), and one kept-alive raw connection to send probes on.
 */
final class Deployment implements AutoCloseable {
    /** The message of the filter's 400 {@code INVALID_PATH}, which a browser sees in the container's error page. */
    static final String AMBIGUOUS = "The request path is ambiguous";

    /** What an app maps besides the filter: servlets, static files, welcome files, error pages. */
    @FunctionalInterface
    interface App {
        void deploy(TestServer.Builder server, Visits visits, SessionAuth auth);
    }

    private static final String TOKEN_COOKIE = Accounts.TOKEN_COOKIE;

    private final Container container;
    private final String contextPath;
    private final TestServer server;
    private final Visits visits;
    private final RawClient client;
    private final Map<Identity, String> cookies = new LinkedHashMap<>();
    private final List<String> resent = new ArrayList<>();

    /** What one probe produced: the answer, and every servlet run it caused. */
    record Exchange(String target, RawClient.Response response, List<Visits.Visit> visits) {
        /** Whether a servlet guarded by some demand ran. */
        boolean reachedGuardedServlet() {
            return visits.stream().anyMatch(Visits.Visit::guarded);
        }

        /** Whether a servlet ran whose demand the request did not meet. */
        boolean bypassed() {
            return visits.stream().anyMatch(v -> !v.demandMet());
        }

        /**
         * Refused by the filter: 400 with our {@code INVALID_PATH} body, or, for a browser, the container's HTML
         * error page with our message.
         */
        boolean refusedByFilter() {
            return response.status() == 400 && (response.code().equals("INVALID_PATH")
                    || response.header("Content-Type").orElse("").startsWith("text/html")
                    && response.body().contains(AMBIGUOUS));
        }

        /** Refused by the container itself before any servlet ran (its own 400 page, no body of ours). */
        boolean refusedByContainer() {
            return response.status() == 400 && response.code().isEmpty() && visits.isEmpty() && !refusedByFilter();
        }

        /** The pattern of the mapping that served it, if a servlet did. */
        String servedBy() {
            return response.header("X-Served-By").orElse("");
        }
    }

    private Deployment(Container container, String contextPath, Map<String, String> settings, App app) {
        this.container = container;
        this.contextPath = contextPath;
        MutableClock clock = new MutableClock();
        TestServer.Builder builder = container.configure(
                TestServer.builder().clock(clock).settings(settings).contextPath(contextPath));
        SessionAuth auth = builder.engine();
        this.visits = new Visits();
        app.deploy(builder, visits, auth);
        this.server = builder.start();
        this.client = new RawClient(server.port());
        try {
            cookies.put(Identity.STALE_UNVERIFIED, Accounts.signUp(server.client(), "stale@example.com").cookie());
            // Older than session.freshAge (1d), younger than session.maxAge (7d): alive, but not fresh.
            clock.advance(Duration.ofDays(2));
            cookies.put(Identity.FRESH_VERIFIED, Accounts.signUp(server.client(), "fresh@example.com").cookie());
            Accounts.markVerified(server, "fresh@example.com");
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
        visits.drain();
    }

    /** Starts the demo app under {@code contextPath} ({@code ""} for the root) in {@code container}. */
    static Deployment start(Container container, String contextPath) {
        return new Deployment(container, contextPath, DemoApp.SETTINGS, Deployment::demo);
    }

    /** Starts {@code app} with the filter's {@code settings} under {@code contextPath} in {@code container}. */
    static Deployment start(Container container, String contextPath, Map<String, String> settings, App app) {
        return new Deployment(container, contextPath, settings, app);
    }

    /** The demo's servlet mappings, each a {@link RecordingServlet}. */
    private static void demo(TestServer.Builder server, Visits visits, SessionAuth auth) {
        Map<String, List<String>> patterns = new LinkedHashMap<>();
        DemoApp.ROUTES.forEach(r -> patterns.computeIfAbsent(r.servlet(), name -> new ArrayList<>()).add(r.pattern()));
        patterns.forEach((name, mapped) -> server.servlet(name, new RecordingServlet(visits, auth),
                mapped.toArray(String[]::new)));
    }

    Container container() {
        return container;
    }

    String contextPath() {
        return contextPath;
    }

    /** GETs {@code target} exactly as written (no context path added) as {@code who}, with JSON preferred. */
    Exchange get(String target, Identity who) {
        return get(target, who, "application/json");
    }

    /** GETs {@code target} exactly as written (no context path added) as {@code who}, with that Accept header. */
    Exchange get(String target, Identity who, String accept) {
        visits.drain();
        RawClient.Response response;
        try {
            response = send(target, who, accept);
        } catch (UncheckedIOException lost) {
            // No answer at all, on a new connection too (a reset that overtook the answer, a stalled test
            // machine): that says nothing about the filter, so the probe is sent once more, and a second loss
            // fails the test. Whatever servlet the lost attempt ran stays among this exchange's visits.
            resent.add(target + " as " + who + ": " + lost.getCause());
            response = send(target, who, accept);
        }
        return new Exchange(target, response, visits.drain());
    }

    private RawClient.Response send(String target, Identity who, String accept) {
        return who == Identity.ANONYMOUS
                ? client.get(target, "Accept", accept)
                : client.get(target, "Accept", accept, "Cookie", TOKEN_COOKIE + "=" + cookies.get(who));
    }

    /** The probes that got no answer at first and were sent again, each with why the first attempt failed. */
    List<String> resent() {
        return List.copyOf(resent);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
