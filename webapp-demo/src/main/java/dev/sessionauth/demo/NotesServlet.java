package dev.sessionauth.demo;

import dev.sessionauth.SessionAuth;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/** Each user sees and adds only their own notes: the user id comes from the session, never from the form. */
public final class NotesServlet extends HttpServlet {
    private NotesStore notes() {
        return (NotesStore) getServletContext().getAttribute(DemoSetup.NOTES);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String userId = SessionAuth.of(request).requireUserId(request);
        try {
            request.setAttribute("notes", notes().list(userId));
        } catch (SQLException e) {
            throw new ServletException("cannot read notes", e);
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/notes.jsp").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String userId = SessionAuth.of(request).requireUserId(request);
        String body = request.getParameter("body");
        if (body == null || body.isBlank() || body.length() > NotesStore.MAX_BODY) {
            request.setAttribute("error", "A note needs 1 to " + NotesStore.MAX_BODY + " characters.");
            doGet(request, response);
            return;
        }
        try {
            notes().add(userId, body.strip());
        } catch (SQLException e) {
            throw new ServletException("cannot save the note", e);
        }
        response.sendRedirect(request.getContextPath() + "/notes");
    }
}
