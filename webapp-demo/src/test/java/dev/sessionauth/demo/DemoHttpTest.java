package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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

    /** A raw HTTP/1.1 exchange, for requests the JDK client will not send (a bad escape, a bad Content-Length). */
    private static String raw(String requestHead) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", demo.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((requestHead + "\r\nHost: 127.0.0.1:" + demo.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void jettyNamesNoVersionAndItsErrorPagesShowNoStackTrace() throws Exception {
        HttpResponse<String> page = get(HttpClient.newHttpClient(), "/login", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Server")).isEmpty();
        assertThat(page.headers().firstValue("X-Powered-By")).isEmpty();

        // An error inside the app (the login page cannot parse this query), a page that does not exist, and a
        // request Jetty's parser refuses before the app: none names Jetty, its version, an exception or a class.
        for (String request : List.of("GET /login?redirect=%ZZ HTTP/1.1", "GET /no-such-page HTTP/1.1",
                "POST /login HTTP/1.1\r\nContent-Length: abc")) {
            String answer = raw(request);
            assertThat(answer).as(request).startsWith("HTTP/1.1 4");
            assertThat(answer.toLowerCase(Locale.ROOT)).as(answer).doesNotContain("\r\nserver:")
                    .doesNotContain("jetty").doesNotContain("exception").doesNotContain("caused by")
                    .doesNotContain("\tat ").doesNotContain("java.");
            assertThat(answer).as(answer).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]\\w+");
        }
        // What the app's own errors show: the demo's plain page with the status, nothing more.
        assertThat(raw("GET /login?redirect=%ZZ HTTP/1.1")).contains("Something went wrong").contains("status 400");
        assertThat(raw("GET /no-such-page HTTP/1.1")).contains("Something went wrong").contains("status 404");
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
