package dev.sessionauth.demo;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.User;
import dev.sessionauth.admin.Admin;
import dev.sessionauth.admin.UserPage;
import dev.sessionauth.admin.UserQuery;
import dev.sessionauth.twofactor.TwoFactor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo's admin section, through the admin tools' Java API acting as the signed-in admin
 * ({@code Admin.of(auth).actingAs(request)}, the same who-may rules as the HTTP API): {@code /admin} lists users
 * with a search, {@code /admin/user?id=} shows one with their sessions; the forms end a session or all, ban and
 * unban, reset a lost second factor, and impersonate. Refusals come back as {@code ?error=CODE}, which the pages show in words.
 */
public final class AdminServlet extends HttpServlet {
    private static final int PAGE = 20;

    private static Admin admin(HttpServletRequest request) {
        return Admin.of(SessionAuth.of(request)).actingAs(request);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        request.setAttribute("error", Messages.error(request.getParameter("error")));
        String page;
        try {
            Admin admin = admin(request);
            if ("/user".equals(request.getPathInfo())) {
                String id = Forms.field(request, "id").orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
                User user = admin.getUser(id).orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
                request.setAttribute("user", user);
                request.setAttribute("banned", admin.isBanned(user));
                request.setAttribute("isAdmin", admin.isAdmin(user));
                request.setAttribute("sessions", admin.listUserSessions(id));
                request.setAttribute("twoFactorOn", SessionAuth.of(request).feature(TwoFactor.class)
                        .map(twoFactor -> twoFactor.isEnabled(id)).orElse(false));
                page = "/WEB-INF/jsp/admin-user.jsp";
            } else {
                list(admin, request);
                page = "/WEB-INF/jsp/admin.jsp";
            }
        } catch (AuthException e) {
            response.setStatus(e.status());
            request.setAttribute("error", Messages.error(e.code().name()));
            page = "/WEB-INF/jsp/admin.jsp";
        }
        request.getRequestDispatcher(page).forward(request, response);
    }

    private static void list(Admin admin, HttpServletRequest request) {
        Optional<String> search = Forms.field(request, "q");
        int offset = Forms.field(request, "offset").map(AdminServlet::number).orElse(0);
        UserQuery query = UserQuery.all().sortBy(UserQuery.Field.CREATED_AT, true).page(PAGE, offset);
        if (search.isPresent()) {
            UserQuery.Field field = "name".equals(request.getParameter("field")) ? UserQuery.Field.NAME
                    : UserQuery.Field.EMAIL;
            query = query.search(field, UserQuery.Operator.CONTAINS, search.get());
        }
        UserPage users = admin.listUsers(query);
        request.setAttribute("users", users.users());
        request.setAttribute("total", users.total());
        request.setAttribute("offset", offset);
        request.setAttribute("next", offset + PAGE < users.total() ? offset + PAGE : -1);
        request.setAttribute("previous", offset > 0 ? Math.max(0, offset - PAGE) : -1);
        request.setAttribute("bannedNow", users.users().stream().filter(admin::isBanned).map(User::getId).toList());
        request.setAttribute("adminIds", users.users().stream().filter(admin::isAdmin).map(User::getId).toList());
    }

    private static int number(String text) {
        try {
            return Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String context = request.getContextPath();
        String userId = Forms.field(request, "userId").orElse("");
        String back = context + "/admin/user?id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8);
        try {
            Admin admin = admin(request);
            switch (String.valueOf(request.getPathInfo())) {
                case "/revoke" -> admin.revokeUserSession(userId, Forms.field(request, "session").orElse(""));
                case "/revoke-all" -> admin.revokeUserSessions(userId);
                case "/ban" -> {
                    String reason = Forms.field(request, "reason").orElse(null);
                    Optional<Duration> hours = Forms.field(request, "hours").map(AdminServlet::number)
                            .filter(h -> h > 0).map(Duration::ofHours);
                    if (hours.isPresent()) {
                        admin.ban(userId, reason, hours.get());
                    } else {
                        admin.ban(userId, reason);
                    }
                }
                case "/unban" -> admin.unban(userId);
                case "/disable-two-factor" -> admin.disableTwoFactor(userId);
                case "/impersonate" -> {
                    Admin.of(SessionAuth.of(request)).impersonate(request, response, userId);
                    back = context + "/dashboard";
                }
                default -> {
                    response.sendError(404);
                    return;
                }
            }
        } catch (AuthException e) {
            back += (back.contains("?") ? "&" : "?") + "error=" + e.code();
        }
        response.sendRedirect(back);
    }
}
