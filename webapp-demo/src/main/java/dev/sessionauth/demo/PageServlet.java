package dev.sessionauth.demo;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The public pages (home, sign-up, login): prepares what the JSP shows and forwards to it. */
public final class PageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String page = switch (request.getServletPath()) {
            case "/signup" -> "signup";
            case "/login" -> "login";
            default -> "home";
        };
        if (page.equals("home") && !request.getRequestURI().equals(request.getContextPath() + "/")) {
            response.sendError(404);
            return;
        }
        String error = Messages.error(request.getParameter("error"));
        if (error != null) {
            request.setAttribute("error", error);
        }
        String context = request.getContextPath();
        String redirect = SafeRedirect.of(request.getParameter("redirect"), context + "/dashboard");
        request.setAttribute("redirect", redirect);
        // A failed form comes back here with the same target (and what was typed, which the API adds).
        request.setAttribute("errorBack", context + "/" + page + "?redirect=" + SafeRedirect.encode(redirect));
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/" + page + ".jsp").forward(request, response);
    }
}
