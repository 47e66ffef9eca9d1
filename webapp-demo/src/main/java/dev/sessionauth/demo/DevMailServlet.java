package dev.sessionauth.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The dev-only mailbox: every message the demo would have mailed, newest first, as a page ({@code /dev/mail}) and
 * as JSON for scripts ({@code /dev/mail.json}). Answers 404 unless the context-param {@code demo.devPages} is true.
 */
public final class DevMailServlet extends HttpServlet {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        boolean enabled = Boolean.parseBoolean(getServletContext().getInitParameter("demo.devPages"));
        if (!enabled || !(getServletContext().getAttribute(DemoSetup.MAILBOX) instanceof DevMailbox box)) {
            response.sendError(404);
            return;
        }
        List<DevMailbox.Message> messages = box.messages();
        response.setHeader("Cache-Control", "no-store");
        if (request.getServletPath().endsWith(".json")) {
            ArrayNode out = mapper.createArrayNode();
            for (DevMailbox.Message m : messages) {
                out.addObject().put("kind", m.kind().name()).put("to", m.to()).put("link", m.link())
                        .put("sentAt", m.sentAt().toString());
            }
            response.setContentType("application/json;charset=utf-8");
            mapper.writeValue(response.getOutputStream(), out);
            return;
        }
        request.setAttribute("messages", messages);
        request.getRequestDispatcher("/WEB-INF/jsp/dev-mail.jsp").forward(request, response);
    }
}
