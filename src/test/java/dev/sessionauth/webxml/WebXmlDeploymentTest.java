package dev.sessionauth.webxml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.ServerExtension;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** web.xml alone is enough: a real WEB-INF/web.xml deployed by Jetty's WebAppContext, nothing in code. */
class WebXmlDeploymentTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b
            .webapp("src/test/resources/webxml-app").contextPath("/shop"));
    private static String base;

    @BeforeAll
    static void deploy() throws Exception {
        base = server.base();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
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
