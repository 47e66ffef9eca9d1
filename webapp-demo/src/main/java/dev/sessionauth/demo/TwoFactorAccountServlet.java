package dev.sessionauth.demo;

import dev.sessionauth.AuthException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.twofactor.DeviceTrust;
import dev.sessionauth.twofactor.TotpEnrolment;
import dev.sessionauth.twofactor.TwoFactor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The dashboard's two-factor section: turn it on (the password, then a QR code drawn on the server and the backup
 * codes, shown once, then the app's first code confirms it), turn it off, and new backup codes, each through
 * SessionAuth's Java API. Failures go back to the dashboard as {@code ?error=CODE#two-factor}.
 */
public final class TwoFactorAccountServlet extends HttpServlet {
    private static final String ENROL_PAGE = "/WEB-INF/jsp/two-factor-enrol.jsp";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        SessionAuth auth = SessionAuth.of(request);
        auth.requireUserId(request);
        TwoFactor twoFactor = auth.feature(TwoFactor.class).orElseThrow();
        String dashboard = request.getContextPath() + "/dashboard";
        response.setHeader("Cache-Control", "no-store");
        try {
            switch (String.valueOf(request.getPathInfo())) {
                case "/enable" -> {
                    TotpEnrolment enrolment = twoFactor.enable(request, request.getParameter("password"));
                    showEnrolment(request, response, enrolment.totpUri(), enrolment.backupCodes(), null);
                }
                case "/confirm" -> confirm(twoFactor, request, response, dashboard);
                case "/disable" -> {
                    twoFactor.disable(request, response, request.getParameter("password"));
                    response.sendRedirect(dashboard + "?notice=TWO_FACTOR_OFF#two-factor");
                }
                case "/backup-codes" -> {
                    List<String> codes = twoFactor.generateBackupCodes(request, request.getParameter("password"));
                    request.setAttribute("backupCodes", codes);
                    request.getRequestDispatcher("/WEB-INF/jsp/two-factor-codes.jsp").forward(request, response);
                }
                default -> response.sendError(404);
            }
        } catch (AuthException e) {
            response.sendRedirect(dashboard + "?error=" + e.code() + "#two-factor");
        }
    }

    /**
     * The app's first code: two-factor turns on (and this browser gets a new session). A mistyped code shows the
     * same QR code again, from the URI the page carried: the key is stored only encrypted, and this page never asks
     * for it back.
     */
    private static void confirm(TwoFactor twoFactor, HttpServletRequest request, HttpServletResponse response,
                                String dashboard) throws ServletException, IOException {
        try {
            twoFactor.verifyTotp(request, response, Forms.field(request, "code").orElse(""), DeviceTrust.ASK_EVERY_TIME);
            response.sendRedirect(dashboard + "?notice=TWO_FACTOR_ON#two-factor");
        } catch (AuthException e) {
            String uri = request.getParameter("totpUri");
            if (uri == null || !uri.startsWith("otpauth://totp/") || uri.length() > 512) {
                throw e;
            }
            showEnrolment(request, response, uri, List.of(), Messages.error(e.code().name()));
        }
    }

    private static void showEnrolment(HttpServletRequest request, HttpServletResponse response, String uri,
                                      List<String> backupCodes, String error) throws ServletException, IOException {
        TotpEnrolment shown = new TotpEnrolment(uri, secretOf(uri), backupCodes);
        // One attribute per value: Jakarta EL 5 (EE 10) reads JavaBean getters, not a record's accessors.
        request.setAttribute("totpUri", shown.totpUri());
        request.setAttribute("secret", shown.secret());
        request.setAttribute("backupCodes", shown.backupCodes());
        request.setAttribute("qrCode", shown.qrCodeSvg());
        request.setAttribute("error", error);
        request.getRequestDispatcher(ENROL_PAGE).forward(request, response);
    }

    /** The key as the URI carries it, for people who type it into the app instead of scanning. */
    private static String secretOf(String uri) {
        for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("secret=")) {
                return pair.substring("secret=".length());
            }
        }
        return "";
    }
}
