package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's JSON routes and guards, over plain HTTP. */
class DemoHttpTest {
    private static DemoServer demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
    }

    private static HttpResponse<String> get(HttpClient client, String path, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(demo.url(path))).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theProtectedApiAnswers401JsonWithoutASessionAndDataWithOne() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> anonymous = get(client, "/api/protected/data", "application/json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"UNAUTHORIZED\"");

        HttpResponse<String> signUp = client.send(HttpRequest.newBuilder(URI.create(demo.url("/api/auth/sign-up/email")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Api\",\"email\":\"api-user@example.com\",\"password\":\"velvet-otter-42\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signUp.statusCode()).isEqualTo(200);
        HttpResponse<String> data = get(client, "/api/protected/data", "application/json");
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.body()).contains("\"email\":\"api-user@example.com\"");
    }

    @Test
    void thePublicApiIsOpen() throws Exception {
        HttpResponse<String> status = get(HttpClient.newHttpClient(), "/api/public/status", "application/json");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"ok\"").contains("\"signedIn\":false");
    }

    @Test
    void protectedPagesRedirectBrowsersToTheLoginPage() throws Exception {
        HttpResponse<String> page = get(HttpClient.newHttpClient(), "/notes", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?redirect=%2Fnotes");
    }

    @Test
    void theBrowserClientIsServedFromTheLibraryJar() throws Exception {
        HttpResponse<String> script = get(HttpClient.newHttpClient(), "/sessionauth/client.js", "*/*");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("createAuthClient");
    }

    @Test
    void theLoginPageNeverRendersAnOffSiteRedirect() throws Exception {
        HttpResponse<String> page = get(HttpClient.newHttpClient(), "/login?redirect=https://evil.example/x", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("evil.example").contains("value=\"/dashboard\"");
    }
}
