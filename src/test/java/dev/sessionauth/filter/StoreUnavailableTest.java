package dev.sessionauth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database goes away under a running app: protected paths and the API answer 503 with a clean JSON body (a
 * browser navigating to a page gets the container's HTML error page instead), while
 * pages that need no session keep being served (marked storeUnavailable).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreUnavailableTest {
    private static final String COOKIE = "sessionauth.session_token";

    private Server tcp;
    private String databaseName;
    private TestServer server;
    private TestClient browser;

    @BeforeAll
    void signInThenStopTheDatabase() throws SQLException {
        tcp = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        databaseName = "x" + UUID.randomUUID();
        String url = "jdbc:h2:tcp://127.0.0.1:" + tcp.getPort() + "/mem:" + databaseName + ";DB_CLOSE_DELAY=-1";
        server = TestServer.builder().jdbcUrl(url)
                .set("protected", "/app/**")
                .set("public", "/app/open/**")
                .start();
        browser = server.client();
        assertThat(browser.signUp("Outage", "outage@example.com", "correct horse").status()).isEqualTo(200);
        assertThat(browser.get("/app/x").status()).as("works while the database is up").isEqualTo(200);
        tcp.stop();
    }

    @AfterAll
    void stopEverything() {
        server.close();
        // The in-memory database lives in this JVM behind the stopped TCP server: drop it.
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + databaseName)) {
            c.createStatement().execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already gone
        }
    }

    private static void assertServiceUnavailable(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertNoInternals(r);
    }

    private static void assertNoInternals(TestClient.Reply r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.")
                .doesNotContain("org.h2").doesNotContain("jdbc:").doesNotContain("SQL");
    }

    @Test
    void protectedPathWithASessionAnswers503() {
        assertServiceUnavailable(browser.get("/app/x"));
    }

    @Test
    void aBrowserNavigatingToAProtectedPageGetsTheContainersErrorPageWith503() {
        // Changed on purpose (issue 13): a browser gets an HTML error page through sendError, not raw JSON.
        TestClient.Reply r = browser.get("/app/x", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).doesNotContain("\"code\"");
        assertNoInternals(r);
    }

    @Test
    void theApiAnswersJsonEvenToABrowser() {
        assertServiceUnavailable(browser.get("/api/auth/get-session", "Accept", "text/html"));
    }

    @Test
    void getSessionAnswers503() {
        assertServiceUnavailable(browser.getSession());
        assertServiceUnavailable(browser.get("/api/auth/get-session?disableRefresh=true"));
    }

    @Test
    void signInAnswers503() {
        assertServiceUnavailable(server.client().signIn("outage@example.com", "correct horse"));
    }

    @Test
    void signUpAnswers503() {
        assertServiceUnavailable(server.client().post("/api/auth/sign-up/email", TestClient.json(Map.of(
                "name", "Late", "email", "late@example.com", "password", "correct horse"))));
    }

    @Test
    void listSessionsAnswers503() {
        assertServiceUnavailable(browser.get("/api/auth/list-sessions"));
    }

    @Test
    void unmatchedPathIsStillServedMarkedStoreUnavailable() {
        TestClient.Reply r = browser.get("/home");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("storeUnavailable").asBoolean()).isTrue();
        assertThat(r.json().path("signedIn").asBoolean()).isFalse();
        assertThat(r.json().path("remoteUser").isNull()).isTrue();
        assertNoInternals(r);
    }

    @Test
    void publicPathIsStillServedMarkedStoreUnavailable() {
        TestClient.Reply r = browser.get("/app/open/status");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("storeUnavailable").asBoolean()).isTrue();
        assertThat(r.json().path("signedIn").asBoolean()).isFalse();
    }

    @Test
    void theSessionCookieIsNotClearedDuringAnOutage() {
        TestClient.Reply r = browser.get("/home");
        assertThat(r.setCookie(COOKIE)).isEmpty();
        assertThat(browser.get("/app/x").setCookie(COOKIE)).isEmpty();
        assertThat(browser.cookie(COOKIE)).isPresent();
    }
}
