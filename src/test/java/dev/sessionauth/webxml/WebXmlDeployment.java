package dev.sessionauth.webxml;

import dev.sessionauth.testing.DeployedApp;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** web.xml alone is enough: a real WEB-INF/web.xml deployed by a real container, nothing in code (Jetty and Tomcat). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebXmlDeployment {
    private DeployedApp server;
    private String base;

    /** The container under test. */
    abstract DeployedApp.Deployer deployer();

    @BeforeAll
    void deploy() throws Exception {
        server = deployer().deploy("src/test/resources/webxml-app", "/shop");
        base = server.base();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        // The web.xml's in-memory database outlives the app (DB_CLOSE_DELAY=-1): drop it for the other container.
        try (java.sql.Connection c = new org.h2.Driver().connect("jdbc:h2:mem:webxml-deployment", new java.util.Properties())) {
            c.createStatement().execute("SHUTDOWN");
        }
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDeclaredFilterGuardsServesTheApiAndTellsTheAppWhoIsSignedIn() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(URI.create(base + "/dashboard/home?tab=1"))
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/shop/login?redirect=%2Fshop%2Fdashboard%2Fhome%3Ftab%3D1");

        HttpResponse<String> api = send(browser, HttpRequest.newBuilder(URI.create(base + "/api/protected/data")));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("\"UNAUTHORIZED\"");
        assertThat(send(browser, HttpRequest.newBuilder(URI.create(base + "/api/public/status"))).statusCode())
                .isEqualTo(200);
        assertThat(send(browser, HttpRequest.newBuilder(URI.create(base + "/whoami"))).body())
                .isEqualTo("anonymous UNAUTHORIZED");

        HttpResponse<String> signUp = send(browser, HttpRequest.newBuilder(URI.create(base + "/api/auth/sign-up/email"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Grace\",\"email\":\"grace@example.com\",\"password\":\"hopper1906\"}")));
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(200);
        // The context-param sessionauth.session.maxAge=30d applies: the cookie lives 30 days.
        assertThat(signUp.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("sessionauth.session_token=").contains("Max-Age=2592000"));

        assertThat(send(browser, HttpRequest.newBuilder(URI.create(base + "/dashboard/home"))).statusCode())
                .isEqualTo(200);
        String whoami = send(browser, HttpRequest.newBuilder(URI.create(base + "/whoami"))).body();
        assertThat(whoami).startsWith("user ");
        Instant expiresAt = Instant.parse(whoami.substring(whoami.lastIndexOf(' ') + 1));
        assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofDays(29)));
    }
}
