package dev.sessionauth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code callbackURL} and {@code errorCallbackURL} given as paths are relative to the app's context path, as
 * {@code loginPage} and the patterns are; absolute URLs on a trusted origin stay as given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackUrlInContextTest {
    private AppsOnOneHost host;
    private HttpClient browser;

    @BeforeAll
    void start() throws Exception {
        host = AppsOnOneHost.start(Map.of("/myapp", Map.of(
                "secret", "callback-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
                "jdbc.url", "jdbc:h2:mem:callback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "protected", "/account/**", "loginPage", "/login")));
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    private HttpResponse<String> form(String endpoint, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return browser.send(HttpRequest.newBuilder(URI.create(host.origin() + "/myapp/api/auth" + endpoint))
                .timeout(Duration.ofSeconds(30)).header("Origin", host.origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String endpoint, String json) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(host.origin() + "/myapp/api/auth" + endpoint))
                .timeout(Duration.ofSeconds(30)).header("Origin", host.origin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallbackPathGoesToThatPathInsideTheApp() throws Exception {
        HttpResponse<String> up = form("/sign-up/email", Map.of("name", "Dee", "email", "dee@example.com",
                "password", "plum tractor lantern", "callbackURL", "/account?tab=1"));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(302);
        assertThat(up.headers().firstValue("Location")).hasValue("/myapp/account?tab=1");
    }

    @Test
    void theLoginPagesRedirectParameterAlreadyHoldsTheContextAndIsKeptAsItIs() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.origin() + "/myapp/account/x"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Location")).hasValue("/myapp/login?redirect=%2Fmyapp%2Faccount%2Fx");
        json("/sign-up/email", "{\"name\":\"Eve\",\"email\":\"eve@example.com\",\"password\":\"plum tractor lantern\"}");
        HttpResponse<String> in = form("/sign-in/email", Map.of("email", "eve@example.com",
                "password", "plum tractor lantern", "callbackURL", "/myapp/account/x"));
        assertThat(in.headers().firstValue("Location")).hasValue("/myapp/account/x");
    }

    @Test
    void anErrorCallbackPathGetsTheErrorInsideTheApp() throws Exception {
        HttpResponse<String> in = form("/sign-in/email", Map.of("email", "nobody@example.com",
                "password", "plum tractor lantern", "callbackURL", "/account", "errorCallbackURL", "/login"));
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location")).hasValue(
                "/myapp/login?email=nobody%40example.com&error=INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void jsonClientsGetTheResolvedUrlAndAbsoluteTrustedUrlsStayAsGiven() throws Exception {
        json("/sign-up/email", "{\"name\":\"Fay\",\"email\":\"fay@example.com\",\"password\":\"plum tractor lantern\"}");
        HttpResponse<String> in = json("/sign-in/email", "{\"email\":\"fay@example.com\","
                + "\"password\":\"plum tractor lantern\",\"callbackURL\":\"/account\"}");
        assertThat(in.body()).contains("\"url\":\"/myapp/account\"");
        String absolute = host.origin() + "/elsewhere";
        HttpResponse<String> again = json("/sign-in/email", "{\"email\":\"fay@example.com\","
                + "\"password\":\"plum tractor lantern\",\"callbackURL\":\"" + absolute + "\"}");
        assertThat(again.body()).contains("\"url\":\"" + absolute + "\"");
    }
}
