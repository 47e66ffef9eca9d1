package dev.sessionauth.demo;

import dev.sessionauth.AuthException;
import dev.sessionauth.ChangeEmail;
import dev.sessionauth.DeleteUser;
import dev.sessionauth.DeleteUserResult;
import dev.sessionauth.EmailChangeResult;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.SessionAuth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The dashboard's forms: sign out another device, the other devices or everywhere; verify the address; and the
 * account settings (change the password, change the e-mail address, delete the account), each through SessionAuth's
 * Java API. Each goes back to the part of the page it was taken in ({@code #sessions}, {@code #settings}) with a
 * notice, or a failure as {@code ?error=CODE}, which the dashboard shows there in words.
 */
public final class AccountServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionAuth auth = SessionAuth.of(request);
        auth.requireUserId(request);
        String context = request.getContextPath();
        String dashboard = context + "/dashboard";
        String back = dashboard;
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "/sign-out-others" -> {
                    auth.revokeOtherSessions(request, response);
                    back = dashboard + "?notice=OTHERS_SIGNED_OUT#sessions";
                }
                case "/sign-out-everywhere" -> {
                    auth.signOutAll(request, response);
                    back = context + "/login?notice=SIGNED_OUT_EVERYWHERE";
                }
                case "/verify-email" -> {
                    String email = auth.getUser(request).orElseThrow().getEmail();
                    auth.requestVerification(request, email, dashboard + "?verified=1");
                    back = context + "/dev/mail?notice=VERIFICATION_SENT";
                }
                case "/revoke" -> back = revoke(auth, request, response);
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

    private static String revoke(SessionAuth auth, HttpServletRequest request, HttpServletResponse response) {
        String id = Forms.field(request, "session").orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY));
        boolean own = id.equals(auth.getSession(request).orElseThrow().getId());
        // Ending this browser's own session clears its cookies too.
        auth.revokeSession(request, response, id);
        return request.getContextPath() + (own ? "/?notice=SIGNED_OUT" : "/dashboard?notice=DEVICE_SIGNED_OUT#sessions");
    }

    private static String changePassword(SessionAuth auth, HttpServletRequest request, HttpServletResponse response) {
        boolean revokeOthers = "true".equals(request.getParameter("revokeOtherSessions"));
        // The page's script checks this before the form is sent; a browser without it gets the same answer here.
        if (!String.valueOf(request.getParameter("newPassword")).equals(request.getParameter("confirmPassword"))) {
            return request.getContextPath() + "/dashboard?error=PASSWORDS_DO_NOT_MATCH#settings";
        }
        // With the other devices signed out, this one gets a new session too: the call sets its cookie.
        auth.changePassword(request, response, String.valueOf(request.getParameter("currentPassword")),
                String.valueOf(request.getParameter("newPassword")), revokeOthers);
        return request.getContextPath() + "/dashboard?notice="
                + (revokeOthers ? "PASSWORD_CHANGED_OTHERS_SIGNED_OUT" : "PASSWORD_CHANGED") + "#settings";
    }

    private static String changeEmail(SessionAuth auth, HttpServletRequest request, HttpServletResponse response) {
        String newEmail = Forms.field(request, "newEmail").orElseThrow(() -> new AuthException(ErrorCode.INVALID_EMAIL));
        if (newEmail.equalsIgnoreCase(auth.getUser(request).orElseThrow().getEmail())) {
            return request.getContextPath() + "/dashboard?error=SAME_EMAIL#settings";
        }
        String dashboard = request.getContextPath() + "/dashboard";
        ChangeEmail change = ChangeEmail.to(newEmail).withCallbackURL(dashboard + "?notice=EMAIL_CHANGE_CONFIRMED");
        change = Forms.field(request, "password").map(change::withPassword).orElse(change);
        EmailChangeResult result = auth.changeEmail(request, response, change);
        // A taken address reads like a mailed link, as the HTTP API answers it: the form tells nobody who has an account.
        return dashboard + "?notice=" + (result.status() == EmailChangeResult.Status.CHANGED ? "EMAIL_CHANGED"
                : "EMAIL_CHANGE_SENT") + "#settings";
    }

    private static String delete(SessionAuth auth, HttpServletRequest request, HttpServletResponse response) {
        if (!"yes".equals(request.getParameter("confirm"))) {
            return request.getContextPath() + "/dashboard?error=CONFIRM_DELETE#settings";
        }
        DeleteUser ask = Forms.field(request, "password").map(DeleteUser::withPassword)
                .orElseGet(DeleteUser::withFreshSession).withCallbackURL(request.getContextPath() + "/?notice=ACCOUNT_DELETED");
        DeleteUserResult result = auth.deleteUser(request, response, ask);
        if (result.status() == DeleteUserResult.Status.CONFIRMATION_SENT) {
            return request.getContextPath() + "/dashboard?notice=DELETE_MAIL_SENT#settings";
        }
        return request.getContextPath() + "/?notice=ACCOUNT_DELETED";
    }
}
