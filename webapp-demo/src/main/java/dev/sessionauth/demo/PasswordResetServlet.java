package dev.sessionauth.demo;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.SessionAuth;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * "Forgot password?": {@code /forgot-password} asks SessionAuth to mail a reset link, {@code /reset-password} is the
 * page that link leads to (SessionAuth's {@code GET /api/auth/reset-password/<token>} redirects here with
 * {@code ?token=} or {@code ?error=INVALID_TOKEN}) and sets the new password, which ends every session of the user.
 */
public final class PasswordResetServlet extends HttpServlet {
    static final String FORGOT = "/forgot-password";
    static final String RESET = "/reset-password";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        boolean reset = request.getServletPath().equals(RESET);
        String error = request.getParameter("error");
        request.setAttribute("error", Messages.error(error));
        // The page keeps the token only in its form; after INVALID_TOKEN the link is spent, so it offers a new one.
        if (reset && !ErrorCode.INVALID_TOKEN.name().equals(error)) {
            Forms.field(request, "token").ifPresent(token -> request.setAttribute("token", token));
        }
        request.setAttribute("devPages", Boolean.parseBoolean(getServletContext().getInitParameter("demo.devPages")));
        response.setHeader("Cache-Control", "no-store");
        // The token is a secret: the reset page must not leak it to another site through Referer.
        response.setHeader("Referrer-Policy", "no-referrer");
        request.getRequestDispatcher("/WEB-INF/jsp/" + (reset ? "reset-password" : "forgot-password") + ".jsp")
                .forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionAuth auth = SessionAuth.of(request);
        String context = request.getContextPath();
        if (request.getServletPath().equals(FORGOT)) {
            Optional<String> email = Forms.field(request, "email");
            if (email.isEmpty()) {
                response.sendRedirect(context + FORGOT + "?error=INVALID_REQUEST_BODY");
                return;
            }
            try {
                // The same answer whether or not the address has an account.
                auth.requestPasswordReset(request, email.get(), context + RESET);
            } catch (AuthException e) {
                response.sendRedirect(context + FORGOT + "?error=" + e.code());
                return;
            }
            response.sendRedirect(context + FORGOT + "?notice=RESET_MAIL_SENT");
            return;
        }
        Optional<String> token = Forms.field(request, "token");
        String newPassword = request.getParameter("newPassword");
        if (token.isEmpty()) {
            response.sendRedirect(context + RESET + "?error=INVALID_TOKEN");
            return;
        }
        // The page's script checks this before the form is sent; a browser without it gets the same answer here.
        if (newPassword == null || !newPassword.equals(request.getParameter("confirmPassword"))) {
            response.sendRedirect(context + RESET + "?token=" + SafeRedirect.encode(token.get())
                    + "&error=PASSWORDS_DO_NOT_MATCH");
            return;
        }
        try {
            auth.resetPassword(request, token.get(), newPassword == null ? "" : newPassword);
        } catch (AuthException e) {
            String back = e.code() == ErrorCode.INVALID_TOKEN ? "" : "token=" + SafeRedirect.encode(token.get()) + "&";
            response.sendRedirect(context + RESET + "?" + back + "error=" + e.code());
            return;
        }
        response.sendRedirect(context + "/login?notice=PASSWORD_RESET");
    }
}
