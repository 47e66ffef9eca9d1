package dev.sessionauth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthContext;
import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.engine.SessionAuthBuilder;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real embedded Jetty 12 serving {@link SessionAuthFilter} over a fresh in-memory H2 database, with an echo
 * servlet behind it that reports what the app sees (path, user, roles). Built either in code (engine with an
 * injectable clock) or from filter init-params exactly as web.xml would give them.
 */
public final class TestServer implements AutoCloseable {
    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private final Server server;
    private final String jdbcUrl;
    private final SessionAuth ownedAuth;
    private final int port;

    private TestServer(Server server, String jdbcUrl, SessionAuth ownedAuth, int port) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        this.ownedAuth = ownedAuth;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server with the given settings on top of the tests' defaults (a secret, a fresh H2). */
    public static TestServer start(String... nameValuePairs) {
        Builder b = builder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            b.set(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return b.start();
    }

    public int port() {
        return port;
    }

    /** The engine behind the filter, for calls through the Java API (servers built in code, not by init-params). */
    public SessionAuth auth() {
        if (ownedAuth == null) {
            throw new IllegalStateException("this server built its engine from init-params; use the builder's default");
        }
        return ownedAuth;
    }

    /** {@code http://127.0.0.1:port}: also the origin browsers would send. */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    public String url(String path) {
        return origin() + path;
    }

    /** A browser-like client with its own cookie jar. */
    public TestClient client() {
        return new TestClient(this);
    }

    /** A direct connection to the server's database, for checking what was (not) written. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    public long count(String sql, Object... params) {
        try (Connection c = database(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (ownedAuth != null) {
                ownedAuth.close();
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // the database is already gone
            }
        }
    }

    /** Settings and wiring for a {@link TestServer}. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private boolean initParams;
        private String jdbcUrl = "jdbc:h2:mem:sa-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        private final java.util.List<dev.sessionauth.SessionListener> listeners = new java.util.ArrayList<>();
        private dev.sessionauth.VerificationSender verificationSender;
        private javax.sql.DataSource dataSource;
        private UriCompliance uriCompliance = UriCompliance.UNSAFE;
        private final Map<String, jakarta.servlet.http.HttpServlet> servlets = new LinkedHashMap<>();

        private Builder() {
            settings.put("secret", SECRET);
            // A test fires requests from one address far faster than any person, so how many it sends would decide
            // whether it passes. The throttle's own tests put the shipped limits back with shippedThrottle().
            settings.put("rateLimit.max", "100000");
            settings.put("rateLimit.strict.max", "100000");
        }

        /** The per-address limits as shipped (the tests' default raises them out of reach). */
        public Builder shippedThrottle() {
            settings.remove("rateLimit.max");
            settings.remove("rateLimit.strict.max");
            return this;
        }

        public Builder set(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** Drops a default setting (e.g. the secret, to test the generated one). */
        public Builder unset(String name) {
            settings.remove(name);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder jdbcUrl(String url) {
            this.jdbcUrl = url;
            return this;
        }

        /** A listener registered in code (engine mode only). */
        public Builder listener(dev.sessionauth.SessionListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Where verification links go (engine mode only). */
        public Builder verificationSender(dev.sessionauth.VerificationSender sender) {
            this.verificationSender = sender;
            return this;
        }

        /**
         * A data source of the test's own (e.g. one that counts connections) over the database at {@code jdbcUrl},
         * which {@link TestServer#database()} then opens directly (engine mode only).
         */
        public Builder dataSource(javax.sql.DataSource dataSource, String jdbcUrl) {
            this.dataSource = dataSource;
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**
         * The connector's URI compliance; the default here is {@code UNSAFE} (ambiguous paths reach the filter),
         * while a deployment runs Jetty's {@code DEFAULT}, which also changes how query strings are decoded.
         */
        /** Serves {@code servlet} at {@code pathSpec} behind the filter, beside the echo servlet at {@code /}. */
        public Builder servlet(String pathSpec, jakarta.servlet.http.HttpServlet servlet) {
            servlets.put(pathSpec, servlet);
            return this;
        }

        public Builder uriCompliance(UriCompliance compliance) {
            this.uriCompliance = compliance;
            return this;
        }

        /** Configure the filter through init-params, as web.xml does, instead of an engine built in code. */
        public Builder viaInitParams() {
            this.initParams = true;
            return this;
        }

        public TestServer start() {
            Server server = new Server();
            HttpConnectionFactory http = new HttpConnectionFactory();
            // Let ambiguous paths through Jetty so the filter's own normalization is what gets tested.
            http.getHttpConfiguration().setUriCompliance(uriCompliance);
            ServerConnector connector = new ServerConnector(server, http);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.getServletHandler().setDecodeAmbiguousURIs(true);
            SessionAuth auth = null;
            FilterHolder filter;
            Map<String, String> all = new LinkedHashMap<>(settings);
            if (dataSource == null) {
                all.putIfAbsent("jdbc.url", jdbcUrl);
            }
            if (initParams) {
                filter = new FilterHolder(SessionAuthFilter.class);
                filter.setInitParameters(all);
            } else {
                SessionAuthBuilder b = SessionAuth.builder().clock(clock).systemProperties(new Properties())
                        .environment(Map.of());
                all.forEach(b::set);
                listeners.forEach(b::listener);
                if (verificationSender != null) {
                    b.verificationSender(verificationSender);
                }
                if (dataSource != null) {
                    b.dataSource(dataSource);
                }
                auth = b.build();
                filter = new FilterHolder(new SessionAuthFilter(auth));
            }
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new EchoServlet()), "/");
            servlets.forEach((spec, servlet) -> context.addServlet(new ServletHolder(servlet), spec));
            server.setHandler(context);
            try {
                server.start();
            } catch (Exception e) {
                if (auth != null) {
                    auth.close();
                }
                throw new IllegalStateException("test server failed to start: " + e.getMessage(), e);
            }
            return new TestServer(server, all.getOrDefault("jdbc.url", jdbcUrl), auth, connector.getLocalPort());
        }
    }

    /** Answers every request with what the app sees of it. */
    static final class EchoServlet extends HttpServlet {
        private final ObjectMapper mapper = new ObjectMapper();

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ObjectNode out = mapper.createObjectNode();
            out.put("method", request.getMethod());
            out.put("path", request.getRequestURI());
            out.put("remoteUser", request.getRemoteUser());
            out.put("principal", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
            if (request.getUserPrincipal() instanceof dev.sessionauth.UserPrincipal p) {
                out.put("principalUserName", p.getUser().getName());
            }
            out.put("isAdmin", request.isUserInRole("admin"));
            Object auth = request.getAttribute(AuthContext.ATTRIBUTE);
            if (auth instanceof AuthContext context) {
                out.put("signedIn", context.isSignedIn());
                out.put("expired", context.isExpired());
                out.put("storeUnavailable", context.isStoreUnavailable());
                context.user().ifPresent(u -> out.put("email", u.getEmail()));
                out.put("csrfToken", context.getCsrfToken());
            }
            SessionAuth.of(request).getSession(request).ifPresent(s -> out.put("sessionId", s.getId()));
            response.setContentType("application/json");
            response.getWriter().write(mapper.writeValueAsString(out));
        }
    }
}
