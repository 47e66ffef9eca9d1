package dev.sessionauth.demo;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The public pages (home, sign-up, login): prepares what the JSP shows and forwards to it. */
public final class PageServlet extends HttpServlet {
    private static final Map<String, String> ERRORS = Map.ofEntries(
            Map.entry("INVALID_EMAIL_OR_PASSWORD", "That e-mail and password do not match an account."),
            Map.entry("INVALID_EMAIL", "Please enter a valid e-mail address."),
            Map.entry("PASSWORD_TOO_SHORT", "The password must be at least 8 characters."),
            Map.entry("PASSWORD_TOO_LONG", "The password must be at most 128 characters."),
            Map.entry("PASSWORD_TOO_WEAK", "That password is one of the most common ones. A few unrelated words make a"
                    + " strong one."),
            Map.entry("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", "An account with this e-mail already exists. Sign in instead?"),
            Map.entry("INVALID_REQUEST_BODY", "Please fill in every field."),
            Map.entry("SERVICE_UNAVAILABLE", "We cannot reach the database right now. Please try again shortly."),
            Map.entry("TOO_MANY_REQUESTS", "Too many attempts. Please wait a minute."));

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
        String error = request.getParameter("error");
        if (error != null) {
            request.setAttribute("error", ERRORS.getOrDefault(error, "Something went wrong (" + error + ")."));
        }
        String context = request.getContextPath();
        String redirect = SafeRedirect.of(request.getParameter("redirect"), context + "/dashboard");
        request.setAttribute("redirect", redirect);
        request.setAttribute("errorBack", context + "/" + page
                + (page.equals("login") ? "?redirect=" + SafeRedirect.encode(redirect) : ""));
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/" + page + ".jsp").forward(request, response);
    }
}
