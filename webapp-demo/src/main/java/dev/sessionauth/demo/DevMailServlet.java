package dev.sessionauth.demo;

import dev.sessionauth.engine.SessionAuth;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** The dev-only mailbox page: the verification links the demo would have mailed, newest first. */
public final class DevMailServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        boolean enabled = Boolean.parseBoolean(getServletContext().getInitParameter("demo.devPages"));
        if (!enabled) {
            response.sendError(404);
            return;
        }
        List<DevMailbox.Message> messages = SessionAuth.of(request).verificationSender() instanceof DevMailbox box
                ? box.messages() : List.of();
        request.setAttribute("messages", messages);
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/dev-mail.jsp").forward(request, response);
    }
}
