package dev.sessionauth.paths;

import dev.sessionauth.AuthContext;
import dev.sessionauth.SessionAuth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Stands in for each of the demo's servlets: records that it ran, under which mapping, and whether the request
 * carried what that mapping's {@link Demand} asks for (judged from the session the filter handed over), then
 * answers with the mapping's pattern so the test sees who served it.
 */
final class RecordingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Visits visits;
    private final transient SessionAuth auth;

    RecordingServlet(Visits visits, SessionAuth auth) {
        this.visits = visits;
        this.auth = auth;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pattern = request.getHttpServletMapping().getPattern();
        Demand demand = DemoApp.demandOf(pattern);
        AuthContext context = request.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext c ? c : null;
        visits.record(new Visits.Visit(pattern, request.getRequestURI(), demand, demand.metBy(context, dev.sessionauth.engine.Engine.of(auth))));
        response.setHeader("X-Served-By", pattern.isEmpty() ? "(context root)" : pattern);
        response.setContentType("text/plain");
        response.getWriter().write("served by '" + pattern + "'; signed in: " + (context != null && context.isSignedIn()));
    }
}
