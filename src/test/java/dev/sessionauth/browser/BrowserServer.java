package dev.sessionauth.browser;

import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.engine.SessionAuthBuilder;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * An embedded Jetty 12 on 127.0.0.1 for the browser tests: {@link SessionAuthFilter} on {@code /*} over a fresh
 * in-memory H2, and a DefaultServlet serving the test pages ({@code src/test/resources/browser}) together with
 * the library's own {@code META-INF/resources}, so pages load the real {@code /sessionauth/client.js} exactly as a
 * Servlet container serves it from the jar. A counting filter in front records every request by method and path.
 */
final class BrowserServer implements AutoCloseable {
    static final String SECRET = "browser-test-secret-0123456789-abcdefghijklmnop";

    private final Server server;
    private final SessionAuth auth;
    private final String jdbcUrl;
    private final int port;
    private final Map<String, AtomicInteger> requests;

    private BrowserServer(Server server, SessionAuth auth, String jdbcUrl, int port, Map<String, AtomicInteger> requests) {
        this.server = server;
        this.auth = auth;
        this.jdbcUrl = jdbcUrl;
        this.port = port;
        this.requests = requests;
    }

    /** A server with these settings ({@code name, value, name, value, ...}) on top of a secret and a fresh H2. */
    static BrowserServer start(String... settings) {
        String jdbcUrl = "jdbc:h2:mem:browser-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        SessionAuthBuilder builder = SessionAuth.builder().set("secret", SECRET).set("jdbc.url", jdbcUrl)
                .systemProperties(new Properties()).environment(Map.of());
        for (int i = 0; i < settings.length; i += 2) {
            builder.set(settings[i], settings[i + 1]);
        }
        SessionAuth auth = builder.build();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ResourceFactory resources = ResourceFactory.of(context);
        context.setBaseResource(ResourceFactory.combine(
                resources.newClassLoaderResource("browser"),
                resources.newClassLoaderResource("META-INF/resources")));
        Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        context.addFilter(new FilterHolder(new CountingFilter(requests)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new SessionAuthFilter(auth)), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder files = new ServletHolder("default", DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        context.addServlet(files, "/");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            auth.close();
            throw new IllegalStateException("browser test server failed to start: " + e.getMessage(), e);
        }
        return new BrowserServer(server, auth, jdbcUrl, connector.getLocalPort(), requests);
    }

    /** {@code http://127.0.0.1:port}: the origin the pages run in. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    String url(String path) {
        return origin() + path;
    }

    /** How many requests reached the server with this method and path (query excluded) since the last reset. */
    int requests(String method, String path) {
        AtomicInteger n = requests.get(method + " " + path);
        return n == null ? 0 : n.get();
    }

    void resetRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            auth.close();
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }

    /** Counts requests by {@code "METHOD /path"} before anything else sees them. */
    private static final class CountingFilter implements Filter {
        private final Map<String, AtomicInteger> requests;

        CountingFilter(Map<String, AtomicInteger> requests) {
            this.requests = requests;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            requests.computeIfAbsent(request.getMethod() + " " + request.getRequestURI(), k -> new AtomicInteger())
                    .incrementAndGet();
            chain.doFilter(req, res);
        }
    }
}
