package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.IMPERSONATE_USER;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.userId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code <auth:impersonationBanner>} in a real JSP behind the real filter (web.xml only): nothing for a user in their
 * own session; while an admin impersonates, "You are viewing as NAME (EMAIL)", escaped, with a form that carries the
 * session's CSRF token and stops the impersonation.
 */
class ImpersonationBannerInJspTest {
    private static final String DATABASE = "jdbc:h2:mem:admin-banner";
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    private static TestServer server;

    @BeforeAll
    static void deploy() {
        server = TestServer.builder().webapp("src/test/resources/admin-app").contextPath("/shop").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (Connection c = new org.h2.Driver().connect(DATABASE, new Properties())) {
            c.createStatement().execute("SHUTDOWN");
        }
    }

    private static String signUp(TestClient browser, String name, String email) {
        TestClient.Reply r = browser.signUp(name, email, Accounts.PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("user").path("id").asText();
    }

    private static String group(String html, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as(regex + " in\n" + html).isTrue();
        return m.group(1);
    }

    @Test
    void theBannerShowsWhomTheAdminViewsAsAndItsFormStopsTheImpersonation() throws Exception {
        TestClient admin = server.client();
        String adminId = signUp(admin, "Admin", Accounts.uniqueEmail("admin"));
        String targetEmail = Accounts.uniqueEmail("target");
        TestClient target = server.client();
        String targetId = signUp(target, XSS_NAME, targetEmail);
        try (Connection c = DriverManager.getConnection(DATABASE)) {
            var ps = c.prepareStatement("UPDATE sa_user SET f_role = 'admin' WHERE id = ?");
            ps.setString(1, adminId);
            assertThat(ps.executeUpdate()).isOne();
        }
        assertThat(admin.get("/pages/banner.jsp").body()).doesNotContain("sa-impersonation");
        assertThat(target.get("/pages/banner.jsp").body()).doesNotContain("sa-impersonation");

        ok(admin.post(IMPERSONATE_USER, userId(targetId)));
        String page = admin.get("/pages/banner.jsp").body();

        assertThat(page).contains("You are viewing as <strong class=\"sa-impersonation-user\">"
                + "&lt;img src=x onerror=alert(1)&gt;</strong> (" + targetEmail + ")");
        assertThat(page).doesNotContain(XSS_NAME);
        String action = group(page, "<form method=\"post\" class=\"sa-impersonation-stop\" action=\"([^\"]+)\"");
        String csrf = group(page, "name=\"_csrf\" value=\"([^\"]+)\"");
        String callback = group(page, "name=\"callbackURL\" value=\"([^\"]+)\"");
        assertThat(action).isEqualTo("/shop/api/auth/admin/stop-impersonating");

        TestClient.Reply stopped = admin.postForm(action.substring("/shop".length()), Accounts.form("_csrf", csrf,
                "callbackURL", callback));

        assertThat(stopped.status()).as(stopped.body()).isEqualTo(302);
        assertThat(stopped.header("Location")).hasValue("/shop/pages/banner.jsp");
        String after = admin.get("/pages/banner.jsp").body();
        assertThat(after).doesNotContain("sa-impersonation");
        assertThat(group(after, "<p id=\"who\">(.*?)</p>")).startsWith("admin-");
    }
}
