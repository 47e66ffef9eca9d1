package dev.sessionauth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.CountingDataSource;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session row alone authorises a request; the user row is read only when something asks for the user (the
 * app through {@code getUserPrincipal}, a {@code verified=} rule, the API), and then fresh from the database, so a
 * change made by the application's own SQL is seen by the next request. Reads are counted on a real H2 through a
 * counting data source.
 */
class LazyUserTest {
    private static final String PASSWORD = "velvet-otter-42";
    private static final String EMAIL = "lazy@example.com";

    private CountingDataSource store;
    private TestServer server;
    private TestClient browser;
    private String userId;

    @BeforeEach
    void start() {
        String url = "jdbc:h2:mem:lazy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        store = new CountingDataSource(url);
        server = TestServer.builder().dataSource(store, url)
                .set("protected", "/app/**").set("verified", "/billing/**")
                .servlet(new QuietServlet(), "/app/quiet/*", "/billing/*")
                .withEcho()
                .start();
        browser = server.client();
        TestClient.Reply up = browser.signUp("Lazy", EMAIL, PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        userId = up.json().path("user").path("id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A page that uses only the signed-in user's id, which the session carries. */
    static final class QuietServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("user " + request.getRemoteUser());
        }
    }

    private List<String> userReads() {
        return store.statements().stream().filter(sql -> sql.toLowerCase(Locale.ROOT).contains("sa_user")).toList();
    }

    private List<String> sessionReads() {
        return store.statements().stream().filter(sql -> sql.toLowerCase(Locale.ROOT).contains("from sa_session"))
                .toList();
    }

    private void execute(String sql, Object... params) throws SQLException {
        try (Connection c = server.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void aProtectedRequestThatDoesNotAskForTheUserReadsTheSessionRowAndNotTheUserRow() {
        store.reset();
        TestClient.Reply r = browser.get("/app/quiet/page");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("user " + userId);
        assertThat(sessionReads()).hasSize(1);
        assertThat(userReads()).as("statements: %s", store.statements()).isEmpty();
    }

    @Test
    void askingForThePrincipalReadsTheUserRowOnceForTheRequest() {
        store.reset();
        // The echo servlet asks for the principal, the admin role and the context's user: three asks, one read.
        TestClient.Reply r = browser.get("/app/echo");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("principal").isNull()).isFalse();
        assertThat(r.json().path("email").asText()).isEqualTo(EMAIL);
        assertThat(userReads()).hasSize(1);
    }

    @Test
    void anAddressVerifiedByTheAppsOwnSqlOpensAVerifiedPathOnTheNextRequest() throws SQLException {
        TestClient.Reply before = browser.get("/billing/invoices");
        assertThat(before.status()).isEqualTo(403);
        assertThat(before.code()).isEqualTo("EMAIL_NOT_VERIFIED");

        execute("UPDATE sa_user SET email_verified = TRUE WHERE id = ?", userId);

        TestClient.Reply after = browser.get("/billing/invoices");
        assertThat(after.status()).as(after.body()).isEqualTo(200);
    }

    @Test
    void aUserChangedBySqlIsWhatTheNextRequestSees() throws SQLException {
        assertThat(browser.get("/app/echo").json().path("email").asText()).isEqualTo(EMAIL);

        execute("UPDATE sa_user SET email = ? WHERE id = ?", "renamed@example.com", userId);

        assertThat(browser.get("/app/echo").json().path("email").asText()).isEqualTo("renamed@example.com");
    }

    @Test
    void deletingTheUserEndsTheSessionSoTheSessionRowAloneCannotOutliveIt() throws SQLException {
        assertThat(browser.get("/app/quiet/page").status()).isEqualTo(200);

        execute("DELETE FROM sa_user WHERE id = ?", userId);

        TestClient.Reply r = browser.get("/app/quiet/page");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void getSessionReadsSessionAndUserInOneStatement() {
        store.reset();
        TestClient.Reply r = browser.getSession();

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(store.statements()).hasSize(1);
        assertThat(store.statements().get(0).toLowerCase(Locale.ROOT)).contains("sa_session").contains("sa_user");
    }
}
