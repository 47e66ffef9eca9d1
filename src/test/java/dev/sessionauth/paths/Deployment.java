package dev.sessionauth.paths;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.engine.SessionAuthBuilder;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestServer;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The demo app ({@link DemoApp}) running in one real {@link Container} over a fresh in-memory H2, with two users
 * signed up through the HTTP API ({@link Identity}), and one kept-alive raw connection to send probes on.
 */
final class Deployment implements AutoCloseable {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String TOKEN_COOKIE = "sessionauth.session_token";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Container container;
    private final String contextPath;
    private final SessionAuth auth;
    private final String jdbcUrl;
    private final Container.Running running;
    private final Visits visits;
    private final RawClient client;
    private final Map<Identity, String> cookies = new LinkedHashMap<>();

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

        /** Refused by the filter: 400 with our {@code INVALID_PATH} body. */
        boolean refusedByFilter() {
            return response.status() == 400 && response.code().equals("INVALID_PATH");
        }

        /** Refused by the container itself before any servlet ran (its own 400 page, no body of ours). */
        boolean refusedByContainer() {
            return response.status() == 400 && response.code().isEmpty() && visits.isEmpty();
        }

        /** The pattern of the mapping that served it, if a servlet did. */
        String servedBy() {
            return response.header("X-Served-By").orElse("");
        }
    }

    private Deployment(Container container, String contextPath) {
        this.container = container;
        this.contextPath = contextPath;
        this.jdbcUrl = "jdbc:h2:mem:paths-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        MutableClock clock = new MutableClock();
        SessionAuthBuilder builder = SessionAuth.builder().clock(clock).systemProperties(new Properties())
                .environment(Map.of()).set("secret", TestServer.SECRET).set("jdbc.url", jdbcUrl);
        DemoApp.SETTINGS.forEach(builder::set);
        this.auth = builder.build();
        this.visits = new Visits();
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        DemoApp.ROUTES.forEach(r -> servlets.computeIfAbsent(r.servlet(), name -> new RecordingServlet(visits, auth)));
        this.running = container.deploy(contextPath, new SessionAuthFilter(auth), servlets);
        this.client = new RawClient(running.port());
        try {
            cookies.put(Identity.STALE_UNVERIFIED, signUp("stale@example.com"));
            // Older than session.freshAge (1d), younger than session.maxAge (7d): alive, but not fresh.
            clock.advance(Duration.ofDays(2));
            cookies.put(Identity.FRESH_VERIFIED, signUp("fresh@example.com"));
            markVerified("fresh@example.com");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        visits.drain();
    }

    /** Starts the demo app under {@code contextPath} ({@code ""} for the root) in {@code container}. */
    static Deployment start(Container container, String contextPath) {
        return new Deployment(container, contextPath);
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
        RawClient.Response response = who == Identity.ANONYMOUS
                ? client.get(target, "Accept", accept)
                : client.get(target, "Accept", accept, "Cookie", TOKEN_COOKIE + "=" + cookies.get(who));
        return new Exchange(target, response, visits.drain());
    }

    private String signUp(String email) {
        String body;
        try {
            body = MAPPER.writeValueAsString(Map.of("name", "Path Prober", "email", email, "password", PASSWORD));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RawClient.Response r = client.send("POST", contextPath + "/api/auth/sign-up/email", body,
                "Content-Type", "application/json", "Accept", "application/json");
        if (r.status() != 200) {
            throw new IllegalStateException("sign-up failed on " + container.label() + ": " + r.status() + " " + r.body());
        }
        return r.headers().getOrDefault("set-cookie", List.of()).stream()
                .filter(c -> c.startsWith(TOKEN_COOKIE + "="))
                .map(c -> c.substring(TOKEN_COOKIE.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-up set no session cookie: " + r.headers()));
    }

    private void markVerified(String email) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             var ps = c.prepareStatement("UPDATE sa_user SET email_verified = TRUE WHERE email = ?")) {
            ps.setString(1, email);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no user " + email);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
            running.close();
        } finally {
            auth.close();
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // the database is already gone
            }
        }
    }
}
