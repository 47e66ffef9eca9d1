package dev.sessionauth.demo;

import dev.sessionauth.SessionAuth;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The signed-in user's dashboard: profile, this device's session, every other device's, and the account settings. */
public final class DashboardServlet extends HttpServlet {
    /**
     * The notices of actions taken further down the page, by the section they concern: the action's redirect opens
     * the page at that section ({@code #sessions}, {@code #settings}), so the notice shows there, where the eye is,
     * rather than at the top of the page, scrolled out of sight.
     */
    static final Map<String, String> SECTION_OF_NOTICE = Map.of(
            "OTHERS_SIGNED_OUT", "sessions",
            "DEVICE_SIGNED_OUT", "sessions",
            "PASSWORD_CHANGED", "settings",
            "PASSWORD_CHANGED_OTHERS_SIGNED_OUT", "settings",
            "EMAIL_CHANGED", "settings",
            "EMAIL_CHANGE_SENT", "settings",
            "DELETE_MAIL_SENT", "settings");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        SessionAuth auth = SessionAuth.of(request);
        request.setAttribute("sessions", auth.listSessions(auth.requireUserId(request)));
        request.setAttribute("error", Messages.error(request.getParameter("error")));
        String notice = request.getParameter("notice");
        String section = notice == null ? null : SECTION_OF_NOTICE.get(notice);
        if (section != null) {
            request.setAttribute("noticeSection", section);
            request.setAttribute("sectionNotice", Messages.notice(notice));
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/dashboard.jsp").forward(request, response);
    }
}
