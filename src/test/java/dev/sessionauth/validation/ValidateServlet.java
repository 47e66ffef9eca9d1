package dev.sessionauth.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.SessionValidation;
import dev.sessionauth.Validation;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * A servlet that calls {@code SessionAuth.of(request).validateSession(...)} and prints the {@link SessionValidation}
 * as JSON, behind the filter at {@code /app/validate} and also at {@code /outside/validate}, a path the filter does
 * not cover, where the engine resolves the session itself.
 *
 * <p>Query parameters: {@code check=session|verified|fresh} picks {@code Validation.session()},
 * {@code requireVerified()} or {@code requireFresh()}; {@code verified}, {@code fresh} and {@code allowExpired}
 * ({@code true}/{@code false}) apply the modifiers of the same names; {@code orThrow=true} also calls
 * {@code orThrow()} and reports the code it threw.
 */
final class ValidateServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A test server with the filter on {@code /api/*} and {@code /app/*}, this servlet, the clock and settings. */
    static TestServer serve(Clock clock, String... settings) {
        return TestServer.builder().clock(clock).settings(settings).filterOn("/api/*", "/app/*")
                .servlet(new ValidateServlet(), "/app/validate", "/outside/validate").start();
    }

    private final transient ObjectMapper mapper = new ObjectMapper();

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
