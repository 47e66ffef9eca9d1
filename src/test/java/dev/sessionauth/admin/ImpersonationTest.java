package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.ADMIN_COOKIE;
import static dev.sessionauth.admin.AdminKit.IMPERSONATE_USER;
import static dev.sessionauth.admin.AdminKit.LIST_USERS;
import static dev.sessionauth.admin.AdminKit.STOP_IMPERSONATING;
import static dev.sessionauth.admin.AdminKit.newAdmin;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.refused;
import static dev.sessionauth.admin.AdminKit.userId;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.AdminAction;
import dev.sessionauth.AuthException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SignInResult;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Impersonation: the admin's browser is signed in as the user with a session marked {@code impersonatedBy}, one hour at
 * most and never past the admin's own (which stays, kept in an encrypted cookie bound to that impersonation), never
 * extended; stopping goes back to the admin's own session. An impersonated session cannot use the admin tools, change
 * the password or address, or delete the account; the user sees the impersonation in their own list.
 */
class ImpersonationTest {
    private static final String DONT_REMEMBER = "sessionauth.dont_remember";

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String sessionId(TestClient browser) {
        return browser.getSession().json().path("session").path("id").asText();
    }

    @Test
    void impersonatingSignsTheBrowserInAsTheUserForAnHourAndKeepsTheAdminsOwnSession() {
        MutableClock clock = new MutableClock();
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().clock(clock).listener(audit).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        String adminSession = sessionId(admin.browser());

        Reply r = admin.browser().post(IMPERSONATE_USER, userId(target.userId()));

        JsonNode body = ok(r);
        JsonNode session = body.path("session");
        assertThat(body.path("user").path("id").asText()).isEqualTo(target.userId());
        assertThat(session.path("userId").asText()).isEqualTo(target.userId());
        assertThat(session.path("impersonatedBy").asText()).isEqualTo(admin.userId());
        assertThat(session.path("expiresAt").asText()).isEqualTo("2026-01-01T01:00:00.000Z");
        assertThat(session.path("token").asText()).as("a handle, never the bearer token")
                .isEqualTo(session.path("id").asText());
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age"));
        assertThat(r.setCookie(DONT_REMEMBER)).isPresent();
        assertThat(r.setCookie(ADMIN_COOKIE)).hasValueSatisfying(c -> {
            assertThat(c).contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=3600");
            assertThat(c).doesNotContain(admin.token());
        });

        JsonNode now = admin.browser().getSession().json();
        assertThat(now.path("user").path("id").asText()).isEqualTo(target.userId());
        assertThat(now.path("session").path("impersonatedBy").asText()).isEqualTo(admin.userId());
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE id = ?", adminSession))
                .as("the admin's own session stays").isOne();
        assertThat(target.browser().getSession().json().path("user").path("id").asText())
                .as("the user's own session is untouched").isEqualTo(target.userId());

        AdminAction action = audit.next(AdminAction.Kind.IMPERSONATE);
        assertThat(action.actorId()).contains(admin.userId());
        assertThat(action.targetUserId()).isEqualTo(target.userId());
        assertThat(action.details()).containsEntry("sessionId", session.path("id").asText());
    }

    @Test
    void anImpersonationNeverOutlivesTheAdminsOwnSessionAndIsNeverExtended() {
        MutableClock clock = new MutableClock();
        server = AdminKit.server("session.maxAge", "30m", "session.updateAge", "5m", "session.absoluteMaxAge", "30m")
                .clock(clock).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");

        JsonNode session = ok(admin.browser().post(IMPERSONATE_USER, userId(target.userId()))).path("session");
        assertThat(session.path("expiresAt").asText()).isEqualTo("2026-01-01T00:30:00.000Z");

        clock.advance(Duration.ofMinutes(20));
        assertThat(admin.browser().getSession().json().path("session").path("expiresAt").asText())
                .isEqualTo("2026-01-01T00:30:00.000Z");
        ok(admin.browser().post("/api/auth/refresh-session", "{}"));
        assertThat(admin.browser().getSession().json().path("session").path("expiresAt").asText())
                .isEqualTo("2026-01-01T00:30:00.000Z");

        clock.advance(Duration.ofMinutes(10));
        assertThat(admin.browser().get("/app/x").status()).isEqualTo(401);
    }

    @Test
    void stoppingGoesBackToTheAdminsOwnSessionAndEndsTheImpersonation() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().listener(audit).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        String adminSession = sessionId(admin.browser());
        String impersonation = ok(admin.browser().post(IMPERSONATE_USER, userId(target.userId())))
                .path("session").path("id").asText();

        Reply r = admin.browser().post(STOP_IMPERSONATING, "{}");

        JsonNode back = ok(r);
        assertThat(back.path("session").path("id").asText()).isEqualTo(adminSession);
        assertThat(back.path("user").path("id").asText()).isEqualTo(admin.userId());
        assertThat(r.setCookie(ADMIN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(r.setCookie(DONT_REMEMBER)).as("a remembered admin is remembered again")
                .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age="));
        assertThat(sessionId(admin.browser())).isEqualTo(adminSession);
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE id = ?", impersonation)).isZero();
        ok(admin.browser().get(LIST_USERS));
        refused(admin.browser().post(STOP_IMPERSONATING, "{}"), 400, "NOT_IMPERSONATING");

        AdminAction stopped = audit.next(AdminAction.Kind.STOP_IMPERSONATING);
        assertThat(stopped.actorId()).contains(admin.userId());
        assertThat(stopped.targetUserId()).isEqualTo(target.userId());
    }

    @Test
    void stoppingWithoutImpersonatingIsBetterAuthsBadRequest() {
        server = AdminKit.server().start();
        SignedInUser user = Accounts.signUp(server, "user");

        Reply r = user.browser().post(STOP_IMPERSONATING, "{}");

        refused(r, 400, "NOT_IMPERSONATING");
        assertThat(r.json().path("message").asText()).isEqualTo("You are not impersonating anyone");
        refused(server.client().post(STOP_IMPERSONATING, "{}"), 401, "UNAUTHORIZED");
    }

    @Test
    void anImpersonatedSessionCannotUseTheAdminToolsNorChangeThePasswordTheAddressOrDeleteTheAccount() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        SignedInUser bystander = Accounts.signUp(server, "bystander");
        ok(admin.browser().post(IMPERSONATE_USER, userId(target.userId())));
        TestClient viewing = admin.browser();

        refused(viewing.get(LIST_USERS), 403, "NOT_ALLOWED_WHILE_IMPERSONATING");
        refused(viewing.post(IMPERSONATE_USER, userId(bystander.userId())), 403, "NOT_ALLOWED_WHILE_IMPERSONATING");
        refused(viewing.post("/api/auth/change-password", json("currentPassword", PASSWORD,
                "newPassword", "an entirely new password")), 403, "NOT_ALLOWED_WHILE_IMPERSONATING");
        refused(viewing.post("/api/auth/change-email", json("newEmail", Accounts.uniqueEmail("moved"))), 403,
                "NOT_ALLOWED_WHILE_IMPERSONATING");
        refused(viewing.post("/api/auth/delete-user", json("password", PASSWORD)), 403,
                "NOT_ALLOWED_WHILE_IMPERSONATING");

        assertThat(viewing.get("/app/x").status()).as("the user's pages are open to the admin").isEqualTo(200);
        ok(viewing.post(Accounts.UPDATE_USER, json("name", "Renamed by support")));
        ok(server.client().signIn(target.email(), PASSWORD));
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE id = ? AND email = ?", target.userId(),
                target.email())).isOne();
    }

    @Test
    void theUsersOwnListOfSessionsShowsTheImpersonation() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        String impersonation = ok(admin.browser().post(IMPERSONATE_USER, userId(target.userId())))
                .path("session").path("id").asText();

        JsonNode sessions = ok(target.browser().get(Accounts.LIST_SESSIONS));

        assertThat(sessions).hasSize(2);
        JsonNode shown = null;
        for (JsonNode s : sessions) {
            if (s.path("id").asText().equals(impersonation)) {
                shown = s;
            }
        }
        assertThat(shown).as(sessions.toString()).isNotNull();
        assertThat(shown.path("impersonatedBy").asText()).isEqualTo(admin.userId());
        ok(target.browser().post("/api/auth/revoke-session", json("token", impersonation)));
        assertThat(admin.browser().getSession().body()).as("the user can end it").isEqualTo("null");
    }

    @Test
    void aBannedUserCannotBeImpersonated() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        AdminKit.admin(server).ban(target.userId(), "spam");

        Reply r = admin.browser().post(IMPERSONATE_USER, userId(target.userId()));

        refused(r, 403, "BANNED_USER");
        assertThat(r.setCookie(ADMIN_COOKIE)).isEmpty();
        assertThat(admin.browser().getSession().json().path("user").path("id").asText()).isEqualTo(admin.userId());
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", target.userId())).isZero();
    }

    @Test
    void anAdminSignedInWithABearerTokenCannotImpersonate() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");

        Reply r = TestClient.at(server.origin()).post(IMPERSONATE_USER, userId(target.userId()),
                "Authorization", "Bearer " + admin.token());

        refused(r, 400, "IMPERSONATION_NEEDS_COOKIE");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", target.userId())).isOne();
    }

    /** A browser holding the same session and impersonation markers as {@code from}, but not the admin cookie. */
    private TestClient withoutAdminCookie(TestClient from) {
        TestClient copy = server.client();
        copy.putCookie(TOKEN_COOKIE, from.cookie(TOKEN_COOKIE).orElseThrow());
        return copy;
    }

    @Test
    void withoutTheAdminCookieStoppingEndsTheImpersonationAndSignsTheBrowserOut() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        String impersonation = ok(admin.browser().post(IMPERSONATE_USER, userId(target.userId())))
                .path("session").path("id").asText();
        TestClient elsewhere = withoutAdminCookie(admin.browser());

        Reply r = elsewhere.post(STOP_IMPERSONATING, "{}");

        refused(r, 401, "UNAUTHORIZED");
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE id = ?", impersonation)).isZero();
    }

    @Test
    void anAdminCookieOpensOnlyBesideTheImpersonationItWasMadeFor() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser second = Accounts.signIn(server, admin.email());
        SignedInUser x = Accounts.signUp(server, "x");
        SignedInUser y = Accounts.signUp(server, "y");
        ok(admin.browser().post(IMPERSONATE_USER, userId(x.userId())));
        ok(second.browser().post(IMPERSONATE_USER, userId(y.userId())));
        TestClient mixed = withoutAdminCookie(second.browser());
        mixed.putCookie(ADMIN_COOKIE, admin.browser().cookie(ADMIN_COOKIE).orElseThrow());

        refused(mixed.post(STOP_IMPERSONATING, "{}"), 401, "UNAUTHORIZED");

        assertThat(ok(admin.browser().post(STOP_IMPERSONATING, "{}")).path("user").path("id").asText())
                .isEqualTo(admin.userId());
    }

    @Test
    void theBannersFormStopsWithTheSessionsCsrfTokenAndGoesOnToItsCallback() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        ok(admin.browser().post(IMPERSONATE_USER, userId(target.userId())));
        String csrf = admin.browser().get("/app/x").json().path("csrfToken").asText();

        refused(admin.browser().postForm(STOP_IMPERSONATING, Accounts.form("callbackURL", "/app/admin")), 403,
                "INVALID_CSRF_TOKEN");
        Reply r = admin.browser().postForm(STOP_IMPERSONATING, Accounts.form("_csrf", csrf,
                "callbackURL", "/app/admin"));

        assertThat(r.status()).as(r.body()).isEqualTo(302);
        assertThat(r.header("Location")).contains("/app/admin");
        assertThat(admin.browser().getSession().json().path("user").path("id").asText()).isEqualTo(admin.userId());
    }

    /** An app's servlet that impersonates and stops through the Java API. */
    static final class ImpersonateServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Admin admin = Admin.of(SessionAuth.of(request));
            response.setContentType("text/plain");
            try {
                SignInResult.SignedIn now = request.getRequestURI().endsWith("/stop")
                        ? admin.stopImpersonating(request, response)
                        : admin.impersonate(request, response, request.getParameter("userId"));
                response.getWriter().write(now.user().getId());
            } catch (AuthException refused) {
                response.setStatus(refused.status());
                response.getWriter().write(refused.code().name());
            }
        }
    }

    @Test
    void theJavaApiImpersonatesAndStopsForTheRequestsAdmin() {
        server = AdminKit.server().servlet(new ImpersonateServlet(), "/app/impersonate", "/app/impersonate/stop")
                .withEcho().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        SignedInUser plain = Accounts.signUp(server, "plain");
        String csrf = admin.browser().get("/app/x").json().path("csrfToken").asText();

        Reply in = admin.browser().postForm("/app/impersonate", Accounts.form("_csrf", csrf, "userId",
                target.userId()));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.body()).isEqualTo(target.userId());
        assertThat(admin.browser().getSession().json().path("session").path("impersonatedBy").asText())
                .isEqualTo(admin.userId());

        String viewingCsrf = admin.browser().get("/app/x").json().path("csrfToken").asText();
        Reply out = admin.browser().postForm("/app/impersonate/stop", Accounts.form("_csrf", viewingCsrf));
        assertThat(out.body()).isEqualTo(admin.userId());
        assertThat(admin.browser().getSession().json().path("user").path("id").asText()).isEqualTo(admin.userId());

        String plainCsrf = plain.browser().get("/app/x").json().path("csrfToken").asText();
        Reply denied = plain.browser().postForm("/app/impersonate", Accounts.form("_csrf", plainCsrf, "userId",
                target.userId()));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS");
        assertThat(plain.browser().getSession().json().path("user").path("id").asText()).isEqualTo(plain.userId());
    }
}
