package dev.sessionauth.demo;

import dev.sessionauth.SessionAuth;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The signed-in user's dashboard: profile, this device's session, every other device's, and the account settings. */
public final class DashboardServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        SessionAuth auth = SessionAuth.of(request);
        request.setAttribute("sessions", auth.listSessions(auth.requireUserId(request)));
        request.setAttribute("error", Messages.error(request.getParameter("error")));
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/dashboard.jsp").forward(request, response);
    }
}
