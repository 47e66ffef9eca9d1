package dev.sessionauth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthContext;
import dev.sessionauth.SessionListener;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jetty.http.UriCompliance;

/**
 * The one way tests start a server: a real embedded Jetty 12 (or Tomcat 10.1, or a webapp folder with its web.xml
 * and JSPs) serving {@link SessionAuthFilter} over a fresh in-memory H2. Unless the test maps servlets or static
 * files of its own, an echo servlet behind the filter reports what the app sees (path, user, roles). The engine is
 * built in code (with an injectable clock) or from filter init-params exactly as web.xml would give them.
 */
public final class TestServer implements AutoCloseable {
    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private final Containers.Started started;
    private final String jdbcUrl;
    private final SessionAuth ownedAuth;
    private final String contextPath;

    private TestServer(Containers.Started started, String jdbcUrl, SessionAuth ownedAuth, String contextPath) {
        this.started = started;
        this.jdbcUrl = jdbcUrl;
        this.ownedAuth = ownedAuth;
        this.contextPath = contextPath;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An engine builder (no server) with the tests' defaults: the secret, a fresh in-memory H2, and no system
     * properties or environment variables, so nothing of the machine running the tests leaks in.
     */
    public static SessionAuthBuilder engineBuilder() {
        return SessionAuth.builder().systemProperties(new Properties()).environment(Map.of()).set("secret", SECRET)
                .set("jdbc.url", "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** A server with the given settings on top of the tests' defaults (a secret, a fresh H2). */
    public static TestServer start(String... nameValuePairs) {
        return builder().settings(nameValuePairs).start();
    }

    public int port() {
        return started.port();
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
        return "http://127.0.0.1:" + port();
    }

    /** The origin followed by {@code path} exactly as given (no context path added). */
    public String url(String path) {
        return origin() + path;
    }

    /** {@code http://127.0.0.1:port/context}: where the application lives ({@link #origin()} at the root). */
    public String base() {
        return origin() + contextPath;
    }

    /** A browser-like client with its own cookie jar; it puts the context path (if any) in front of paths. */
    public TestClient client() {
        return TestClient.at(origin(), contextPath);
    }

    /** How many requests reached the server with this method and path (query excluded) since the last reset. */
    public int requests(String method, String path) {
        return started.requests().count(method, path);
    }

    /** Forgets the requests counted so far. */
    public void resetRequests() {
        started.requests().reset();
    }

    /** A direct connection to the server's database, for checking what was (not) written. */
    public Connection database() throws SQLException {
        if (jdbcUrl == null) {
            throw new IllegalStateException("a webapp server's database is the one its web.xml names");
        }
        return DriverManager.getConnection(jdbcUrl);
    }

    public long count(String sql, Object... params) {
        try (Connection c = database(); var ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one write statement directly on the database (behind the engine's back) and returns the rows changed. */
    public int update(String sql, Object... params) {
        try (Connection c = database(); var ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(java.sql.PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    @Override
    public void close() {
        try {
            started.stop().close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (ownedAuth != null) {
                ownedAuth.close();
            }
            if (jdbcUrl != null) {
                try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                    c.createStatement().execute("SHUTDOWN");
                } catch (SQLException ignored) {
                    // the database is already gone
                }
            }
        }
    }

    /** Which servlet container runs the application, and how it is set up. */
    enum Kind {
        JETTY, TOMCAT, WEBAPP
    }

    /** A servlet of the test's own and the patterns it is mapped to. */
    record Mapped(String name, HttpServlet servlet, List<String> patterns) {
    }

    /** Settings and wiring for a {@link TestServer}. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private boolean initParams;
        private String jdbcUrl = "jdbc:h2:mem:sa-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        private final List<SessionListener> listeners = new ArrayList<>();
        private VerificationSender verificationSender;
        private DataSource dataSource;
        private dev.sessionauth.store.memory.MemoryStores memoryStores;
        private SessionAuth engine;
        // What the containers read to deploy.
        Kind kind = Kind.JETTY;
        UriCompliance uriCompliance = UriCompliance.UNSAFE;
        boolean decodeAmbiguousUris = true;
        boolean hideErrorReports;
        boolean asyncFilter = true;
        String contextPath = "";
        String webappFolder;
        final List<String> filterPatterns = new ArrayList<>();
        final EnumSet<DispatcherType> filterDispatches = EnumSet.of(DispatcherType.REQUEST);
        final List<String> welcomeFiles = new ArrayList<>();
        final Map<Integer, String> errorPages = new LinkedHashMap<>();
        final List<Filter> frontFilters = new ArrayList<>();
        final List<Mapped> servlets = new ArrayList<>();
        final List<String> staticFolders = new ArrayList<>();

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

        /** Several settings as {@code name, value, name, value, ...}. */
        public Builder settings(String... nameValuePairs) {
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                set(nameValuePairs[i], nameValuePairs[i + 1]);
            }
            return this;
        }

        /** Several settings from a map. */
        public Builder settings(Map<String, String> more) {
            settings.putAll(more);
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
        public Builder listener(SessionListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Where verification links go (engine mode only). */
        public Builder verificationSender(VerificationSender sender) {
            this.verificationSender = sender;
            return this;
        }

        /**
         * A data source of the test's own (e.g. one that counts connections) over the database at {@code jdbcUrl},
         * which {@link TestServer#database()} then opens directly (engine mode only).
         */
        public Builder dataSource(DataSource dataSource, String jdbcUrl) {
            this.dataSource = dataSource;
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**
         * The connector's URI compliance; the default here is {@code UNSAFE} (ambiguous paths reach the filter),
         * while a deployment runs Jetty's {@code DEFAULT}, which also changes how query strings are decoded.
         */
        public Builder uriCompliance(UriCompliance compliance) {
            this.uriCompliance = compliance;
            return this;
        }

        /** Jetty exactly as a deployment runs it: {@code UriCompliance.DEFAULT}, ambiguous URIs not decoded. */
        public Builder jettyDefaults() {
            this.uriCompliance = UriCompliance.DEFAULT;
            this.decodeAmbiguousUris = false;
            return this;
        }

        /**
         * The filter declared without {@code async-supported}, as an app that left it out of its web.xml: request bodies
         * are then read on the request's thread (with the same deadline).
         */
        public Builder synchronousFilter() {
            this.asyncFilter = false;
            return this;
        }

        /** Embedded Tomcat 10.1 with its connector's defaults instead of Jetty. */
        public Builder tomcat() {
            this.kind = Kind.TOMCAT;
            return this;
        }

        /**
         * Tomcat's error pages without report or server info ({@code ErrorReportValve showReport="false"
         * showServerInfo="false"}), as docs/security.md ("Error hygiene") tells a deployment to set it.
         */
        public Builder hideErrorReports() {
            this.hideErrorReports = true;
            return this;
        }

        /**
         * Deploys a webapp folder (relative to the project) with its {@code WEB-INF/web.xml} and JSPs through
         * Jetty's {@code WebAppContext}: the filter and its settings are then the web.xml's, nothing in code.
         */
        public Builder webapp(String folder) {
            this.kind = Kind.WEBAPP;
            this.webappFolder = folder;
            return this;
        }

        /** The application's context path, e.g. {@code /shop} ({@code ""}, the default, for the root). */
        public Builder contextPath(String path) {
            this.contextPath = path;
            return this;
        }

        /** Maps the filter to these patterns instead of {@code /*} (REQUEST dispatches). */
        public Builder filterOn(String... patterns) {
            filterPatterns.addAll(List.of(patterns));
            return this;
        }

        /**
         * Maps the filter for these dispatches as well as requests, as {@code <dispatcher>} elements in its
         * {@code <filter-mapping>} do (a forward, an include, an error page, an async dispatch).
         */
        public Builder filterDispatches(DispatcherType... types) {
            filterDispatches.addAll(List.of(types));
            return this;
        }

        /**
         * The welcome files, in order, that a directory request is served with ({@code <welcome-file-list>}); none
         * by default, as the embedded containers start.
         */
        public Builder welcomeFiles(String... names) {
            welcomeFiles.addAll(List.of(names));
            return this;
        }

        /** An {@code <error-page>}: the container shows {@code location} for every answer with {@code status}. */
        public Builder errorPage(int status, String location) {
            errorPages.put(status, location);
            return this;
        }

        /** A filter of the test's own in front of the SessionAuth filter, on {@code /*}. */
        public Builder filterBefore(Filter filter) {
            frontFilters.add(filter);
            return this;
        }

        /** Counts every request by method and path before anything else sees it ({@link TestServer#requests}). */
        public Builder countRequests() {
            frontFilters.add(0, new RequestCounter());
            return this;
        }

        /** The echo servlet at {@code /} beside the test's own servlets (it answers every path no other one maps). */
        public Builder withEcho() {
            return servlet("echo", new EchoServlet(), "/");
        }

        /** A servlet of the test's own at these patterns; with any, the echo servlet is not deployed. */
        public Builder servlet(HttpServlet servlet, String... patterns) {
            return servlet("servlet-" + servlets.size(), servlet, patterns);
        }

        /** A named servlet of the test's own at these patterns (the name is what Tomcat and Jetty know it by). */
        public Builder servlet(String name, HttpServlet servlet, String... patterns) {
            servlets.add(new Mapped(name, servlet, List.of(patterns)));
            return this;
        }

        /**
         * Serves these classpath folders (the first that has a file wins) with the container's default servlet on
         * {@code /}, as a jar's {@code META-INF/resources} are served; the echo servlet is then not deployed. Tomcat
         * takes one folder, which it serves as the application's document base.
         */
        public Builder staticFiles(String... classpathFolders) {
            staticFolders.addAll(List.of(classpathFolders));
            return this;
        }

        /** The in-memory stores instead of a database: what a feature keeps must then live in its own memory. */
        public Builder memoryStores() {
            this.memoryStores = new dev.sessionauth.store.memory.MemoryStores();
            return this;
        }

        /** Configure the filter through init-params, as web.xml does, instead of an engine built in code. */
        public Builder viaInitParams() {
            this.initParams = true;
            return this;
        }

        /**
         * The engine the server will run, built now (once) so that a test can hand it to its own servlets before
         * the server starts; the server still owns and closes it.
         */
        public SessionAuth engine() {
            if (initParams || kind == Kind.WEBAPP) {
                throw new IllegalStateException("this server's engine is built by the filter from its init-params");
            }
            if (engine == null) {
                SessionAuthBuilder b = SessionAuth.builder().clock(clock).systemProperties(new Properties())
                        .environment(Map.of());
                allSettings().forEach(b::set);
                listeners.forEach(b::listener);
                if (verificationSender != null) {
                    b.verificationSender(verificationSender);
                }
                if (dataSource != null) {
                    b.dataSource(dataSource);
                }
                if (memoryStores != null) {
                    b.stores(memoryStores.users(), memoryStores.sessions(), memoryStores.verifications(),
                            memoryStores.meta()).accountStore(memoryStores.accounts());
                }
                engine = b.build();
            }
            return engine;
        }

        private Map<String, String> allSettings() {
            Map<String, String> all = new LinkedHashMap<>(settings);
            if (dataSource == null && memoryStores == null) {
                all.putIfAbsent("jdbc.url", jdbcUrl);
            }
            return all;
        }

        public TestServer start() {
            if (kind == Kind.WEBAPP) {
                return new TestServer(Containers.start(this, null, Map.of()), null, null, contextPath);
            }
            Map<String, String> all = allSettings();
            SessionAuth auth = initParams ? null : engine();
            SessionAuthFilter filter = initParams ? null : new SessionAuthFilter(auth);
            try {
                Containers.Started started = Containers.start(this, filter, initParams ? all : Map.of());
                return new TestServer(started, all.getOrDefault("jdbc.url", jdbcUrl), auth, contextPath);
            } catch (RuntimeException e) {
                if (auth != null) {
                    auth.close();
                }
                throw e;
            }
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
                Optional.ofNullable(context.getUser()).ifPresent(u -> out.put("email", u.getEmail()));
                out.put("csrfToken", context.getCsrfToken());
            }
            SessionAuth.of(request).getSession(request).ifPresent(s -> out.put("sessionId", s.getId()));
            response.setContentType("application/json");
            response.getWriter().write(mapper.writeValueAsString(out));
        }
    }
}
