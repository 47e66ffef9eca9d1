package dev.sessionauth.demo;

import dev.sessionauth.engine.SessionAuth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The dashboard's buttons: sign out this device, another device, the other devices, or everywhere. */
public final class AccountServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionAuth auth = SessionAuth.of(request);
        String userId = auth.requireUserId(request);
        String back = request.getContextPath() + "/dashboard";
        switch (String.valueOf(request.getPathInfo())) {
            case "/sign-out" -> {
                auth.signOut(request, response);
                back = request.getContextPath() + "/";
            }
            case "/sign-out-others" -> auth.revokeOtherSessions(userId, auth.getSession(request).orElseThrow().getId());
            case "/sign-out-everywhere" -> {
                auth.signOutAll(request, response);
                back = request.getContextPath() + "/login";
            }
            case "/verify-email" -> {
                String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
                String email = auth.getUser(request).orElseThrow().getEmail();
                auth.requestVerification(email, new dev.sessionauth.LinkBase(origin, request.getContextPath()),
                        java.util.Optional.of(request.getContextPath() + "/dashboard?verified=1"));
                back = request.getContextPath() + "/dev/mail";
            }
            case "/revoke" -> {
                String id = request.getParameter("session");
                if (id == null || id.isBlank()) {
                    response.sendError(400, "Which session? Send its id as the session field.");
                    return;
                }
                auth.revokeSession(userId, id);
                if (id.equals(auth.getSession(request).orElseThrow().getId())) {
                    auth.signOut(request, response);
                    back = request.getContextPath() + "/";
                }
            }
            default -> {
                response.sendError(404);
                return;
            }
        }
        response.sendRedirect(back);
    }
}
