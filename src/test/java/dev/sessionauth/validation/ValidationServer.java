package dev.sessionauth.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.engine.SessionAuthBuilder;
import dev.sessionauth.SessionValidation;
import dev.sessionauth.Validation;
import dev.sessionauth.testing.TestServer;
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
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty of this package's own: {@link SessionAuthFilter} over a fresh in-memory H2, covering
 * {@code /api/*} and {@code /app/*}, and a servlet that calls {@code SessionAuth.of(request).validateSession(...)}
 * and prints the {@link SessionValidation} as JSON. The same servlet also answers at {@code /outside/validate},
 * a path the filter does not cover, where the engine resolves the session itself.
 *
 * <p>Query parameters of the servlet: {@code check=session|verified|fresh} picks {@code Validation.session()},
 * {@code requireVerified()} or {@code requireFresh()}; {@code verified}, {@code fresh} and {@code allowExpired}
 * ({@code true}/{@code false}) apply the modifiers of the same names; {@code orThrow=true} also calls
 * {@code orThrow()} and reports the code it threw.
 */
final class ValidationServer implements AutoCloseable {
    private final Server server;
    private final SessionAuth auth;
    private final String jdbcUrl;
    private final int port;

    private ValidationServer(Server server, SessionAuth auth, String jdbcUrl, int port) {
        this.server = server;
        this.auth = auth;
        this.jdbcUrl = jdbcUrl;
        this.port = port;
    }

    /** Starts with the tests' secret, the given clock and {@code name, value} settings. */
    static ValidationServer start(Clock clock, String... settings) {
        String jdbcUrl = "jdbc:h2:mem:validation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        SessionAuthBuilder b = SessionAuth.builder().clock(clock).systemProperties(new Properties())
                .environment(Map.of()).set("secret", TestServer.SECRET).set("jdbc.url", jdbcUrl);
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        SessionAuth auth = b.build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(new SessionAuthFilter(auth));
        context.addFilter(filter, "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(filter, "/app/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder validate = new ServletHolder(new ValidateServlet());
        context.addServlet(validate, "/app/validate");
        context.addServlet(validate, "/outside/validate");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            auth.close();
            throw new IllegalStateException("validation server failed to start: " + e.getMessage(), e);
        }
        return new ValidationServer(server, auth, jdbcUrl, connector.getLocalPort());
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    Browser browser() {
        return new Browser(origin());
    }

    /** Marks the user with this address verified, directly in the database. */
    void markVerified(String email) {
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

    /** Prints what {@code validateSession} says about the request. */
    static final class ValidateServlet extends HttpServlet {
        private final ObjectMapper mapper = new ObjectMapper();

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Validation validation = switch (String.valueOf(request.getParameter("check"))) {
                case "verified" -> Validation.requireVerified();
                case "fresh" -> Validation.requireFresh();
                default -> Validation.session();
            };
            if (request.getParameter("verified") != null) {
                validation = validation.verified(Boolean.parseBoolean(request.getParameter("verified")));
            }
            if (request.getParameter("fresh") != null) {
                validation = validation.fresh(Boolean.parseBoolean(request.getParameter("fresh")));
            }
            if (request.getParameter("allowExpired") != null) {
                validation = validation.allowExpired(Boolean.parseBoolean(request.getParameter("allowExpired")));
            }
            SessionValidation v = SessionAuth.of(request).validateSession(request, validation);
            ObjectNode out = mapper.createObjectNode();
            out.put("valid", v.valid());
            out.put("expired", v.expired());
            out.put("failure", v.failure().map(Enum::name).orElse(null));
            out.put("sessionId", v.session().map(s -> s.getId()).orElse(null));
            out.put("sessionUserId", v.session().map(s -> s.getUserId()).orElse(null));
            out.put("userId", v.user().map(u -> u.getId()).orElse(null));
            out.put("email", v.user().map(u -> u.getEmail()).orElse(null));
            if ("true".equals(request.getParameter("orThrow"))) {
                try {
                    SessionValidation same = v.orThrow();
                    out.put("orThrowReturnedSame", same == v);
                    out.putNull("thrown");
                } catch (AuthException e) {
                    out.put("thrown", e.code().name());
                    out.put("thrownStatus", e.status());
                }
            }
            response.setContentType("application/json");
            response.getWriter().write(mapper.writeValueAsString(out));
        }
    }
}
