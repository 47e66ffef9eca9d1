package dev.sessionauth.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthContext;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.User;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/**
 * The seed's two API routes: {@code /api/protected/data} (the filter answers 401 without a session) and
 * {@code /api/public/status} (open to everyone, but still knows who is signed in).
 */
public final class JsonEndpoints extends HttpServlet {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ObjectNode out = mapper.createObjectNode();
        if ("/api/protected".equals(request.getServletPath())) {
            User user = SessionAuth.of(request).getUser(request).orElseThrow();
            out.put("userId", user.getId());
            out.put("email", user.getEmail());
            out.put("message", "Protected content for " + user.getEmail());
        } else {
            AuthContext auth = (AuthContext) request.getAttribute(AuthContext.ATTRIBUTE);
            out.put("status", "ok");
            out.put("signedIn", auth != null && auth.isSignedIn());
            out.put("time", Instant.now().toString());
        }
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), out);
    }
}
