package dev.sessionauth.demo;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.twofactor.DeviceTrust;
import dev.sessionauth.twofactor.TwoFactor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The second step of a sign-in ({@code twoFactor.page}): after the password (or a provider) held for a user with
 * two-factor on, the browser lands here with a pending sign-in and gives a code from the authenticator app, or one of
 * the backup codes, through SessionAuth's Java API, which sets the session cookie itself.
 */
public final class TwoFactorServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String context = request.getContextPath();
        String callback = SafeRedirect.of(request.getParameter("callbackURL"), context + "/dashboard");
        if (!twoFactor(request).isWaitingForCode(request)) {
            // Nothing waits for a code in this browser: it timed out, was used, or never started.
            response.sendRedirect(context + "/login?error=" + ErrorCode.INVALID_TWO_FACTOR_COOKIE
                    + "&redirect=" + SafeRedirect.encode(callback));
            return;
        }
        request.setAttribute("callbackURL", callback);
        request.setAttribute("backup", "1".equals(request.getParameter("backup")));
        request.setAttribute("error", Messages.error(request.getParameter("error")));
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/two-factor.jsp").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String context = request.getContextPath();
        String callback = SafeRedirect.of(request.getParameter("callbackURL"), context + "/dashboard");
        boolean backup = "backup".equals(request.getParameter("kind"));
        String code = Forms.field(request, "code").orElse("");
        DeviceTrust trust = "true".equals(request.getParameter("trustDevice")) ? DeviceTrust.TRUST_THIS_DEVICE
                : DeviceTrust.ASK_EVERY_TIME;
        try {
            if (backup) {
                twoFactor(request).verifyBackupCode(request, response, code, trust);
            } else {
                twoFactor(request).verifyTotp(request, response, code, trust);
            }
            response.sendRedirect(callback);
        } catch (AuthException e) {
            if (e.code() == ErrorCode.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE
                    || e.code() == ErrorCode.INVALID_TWO_FACTOR_COOKIE) {
                // This sign-in is over: the password again starts a new one.
                response.sendRedirect(context + "/login?error=" + e.code() + "&redirect=" + SafeRedirect.encode(callback));
                return;
            }
            response.sendRedirect(context + "/two-factor?error=" + e.code() + (backup ? "&backup=1" : "")
                    + "&callbackURL=" + SafeRedirect.encode(callback));
        }
    }

    private static TwoFactor twoFactor(HttpServletRequest request) {
        return SessionAuth.of(request).feature(TwoFactor.class)
                .orElseThrow(() -> new IllegalStateException("twoFactor.enabled is false, yet twoFactor.page is used"));
    }
}
