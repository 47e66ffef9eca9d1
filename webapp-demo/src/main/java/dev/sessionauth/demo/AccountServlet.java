package dev.sessionauth.demo;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.DeleteUser;
import dev.sessionauth.DeleteUserResult;
import dev.sessionauth.EmailChangeResult;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.PasswordChange;
import dev.sessionauth.engine.PasswordChanged;
import dev.sessionauth.engine.SessionTransport;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.SessionAuth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The dashboard's forms: sign out another device, the other devices or everywhere; verify the address; and the
 * account settings (change the password, change the e-mail address, delete the account), each through SessionAuth's
 * Java API. Failures go back to the dashboard as {@code ?error=CODE}, which it shows in words.
 */
public final class AccountServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionAuth auth = SessionAuth.of(request);
        String userId = auth.requireUserId(request);
        String context = request.getContextPath();
        String dashboard = context + "/dashboard";
        String back = dashboard;
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "/sign-out-others" -> auth.revokeOtherSessions(userId, auth.getSession(request).orElseThrow().getId());
                case "/sign-out-everywhere" -> {
                    auth.signOutAll(request, response);
                    back = context + "/login";
                }
                case "/verify-email" -> {
                    String email = auth.getUser(request).orElseThrow().getEmail();
                    auth.requestVerification(email, Requests.links(request), Optional.of(dashboard + "?verified=1"),
                            Requests.client(request));
                    back = context + "/dev/mail";
                }
                case "/revoke" -> back = revoke(auth, userId, request, response);
                case "/change-password" -> back = changePassword(auth, request, response);
                case "/change-email" -> back = changeEmail(auth, request, response);
                case "/delete" -> back = delete(auth, request, response);
                default -> {
                    response.sendError(404);
                    return;
                }
            }
        } catch (AuthException e) {
            back = dashboard + "?error=" + e.code() + "#settings";
        }
        response.sendRedirect(back);
    }

    private static String revoke(SessionAuth auth, String userId, HttpServletRequest request, HttpServletResponse response) {
        String id = Requests.field(request, "session").orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY));
        auth.revokeSession(userId, id);
        if (id.equals(auth.getSession(request).orElseThrow().getId())) {
            auth.signOut(request, response);
            return request.getContextPath() + "/";
        }
        return request.getContextPath() + "/dashboard";
    }

    private static String changePassword(SessionAuth auth, HttpServletRequest request, HttpServletResponse response) {
        boolean revokeOthers = "true".equals(request.getParameter("revokeOtherSessions"));
        PasswordChange change = new PasswordChange(String.valueOf(request.getParameter("currentPassword")),
                String.valueOf(request.getParameter("newPassword")), revokeOthers);
        PasswordChanged changed = auth.changePassword(Requests.session(auth, request), change, Requests.caller(request));
        // With the other devices signed out, this one has a new session too: its cookie must follow.
        changed.newSession().map(SignedIn::browser).ifPresent(update -> apply(request, response, update));
        return request.getContextPath() + "/dashboard?notice="
                + (revokeOthers ? "PASSWORD_CHANGED_OTHERS_SIGNED_OUT" : "PASSWORD_CHANGED") + "#settings";
    }

    private static String changeEmail(SessionAuth auth, HttpServletRequest request, HttpServletResponse response) {
        String newEmail = Requests.field(request, "newEmail").orElseThrow(() -> new AuthException(ErrorCode.INVALID_EMAIL));
        if (newEmail.equalsIgnoreCase(auth.getUser(request).orElseThrow().getEmail())) {
            return request.getContextPath() + "/dashboard?error=SAME_EMAIL#settings";
        }
        String dashboard = request.getContextPath() + "/dashboard";
        EmailChangeResult result = auth.changeEmail(Requests.session(auth, request), newEmail,
                Requests.field(request, "password"), Requests.links(request),
                Optional.of(dashboard + "?notice=EMAIL_CHANGE_CONFIRMED"), Requests.caller(request));
        apply(request, response, result.browser());
        // A taken address reads like a mailed link, as the HTTP API answers it: the form tells nobody who has an account.
        return dashboard + "?notice=" + (result.status() == EmailChangeResult.Status.CHANGED ? "EMAIL_CHANGED"
                : "EMAIL_CHANGE_SENT") + "#settings";
    }

    private static String delete(SessionAuth auth, HttpServletRequest request, HttpServletResponse response) {
        if (!"yes".equals(request.getParameter("confirm"))) {
            return request.getContextPath() + "/dashboard?error=CONFIRM_DELETE#settings";
        }
        DeleteUser ask = new DeleteUser(Requests.field(request, "password"), Optional.empty(),
                Optional.of(request.getContextPath() + "/?notice=ACCOUNT_DELETED"));
        DeleteUserResult result = auth.deleteUser(Requests.session(auth, request), ask, Requests.links(request),
                Requests.caller(request));
        if (result.status() == DeleteUserResult.Status.CONFIRMATION_SENT) {
            return request.getContextPath() + "/dashboard?notice=DELETE_MAIL_SENT";
        }
        apply(request, response, BrowserUpdate.CLEAR);
        return request.getContextPath() + "/?notice=ACCOUNT_DELETED";
    }

    private static void apply(HttpServletRequest request, HttpServletResponse response, BrowserUpdate update) {
        SessionTransport.of(request).apply(request, response, update);
    }
}
