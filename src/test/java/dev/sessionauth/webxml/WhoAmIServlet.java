package dev.sessionauth.webxml;

import dev.sessionauth.AuthException;
import dev.sessionauth.SessionAuth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The app's own code, as a user would write it: {@code SessionAuth.of(request).requireUserId(request)}. */
public class WhoAmIServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            String userId = SessionAuth.of(request).requireUserId(request);
            response.getWriter().write("user " + userId + " session "
                    + SessionAuth.of(request).getSession(request).orElseThrow().getExpiresAt());
        } catch (AuthException e) {
            response.getWriter().write("anonymous " + e.code());
        }
    }
}
