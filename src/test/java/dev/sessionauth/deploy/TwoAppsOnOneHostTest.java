package dev.sessionauth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two apps under different context paths on one host, each with its own SessionAuthFilter, secret and database,
 * and one browser cookie jar (keyed by host and path, as browsers key it; they ignore the port): neither app
 * overwrites, clears or even sees the other's cookies. With {@code Path=/} the second app cleared the first's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoAppsOnOneHostTest {
    private AppsOnOneHost host;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> apps = new LinkedHashMap<>();
        apps.put("/alpha", app("alpha", Map.of("protected", "/private/**")));
        apps.put("/beta", app("beta", Map.of("protected", "/private/**")));
        apps.put("/shared", app("shared", Map.of("cookie.path", "/")));
        host = AppsOnOneHost.start(apps);
    }

    private static Map<String, String> app(String name, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("secret", name + "-secret-0123456789-abcdefghijklmnopqrstuvwxyz");
        settings.put("jdbc.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return settings;
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(host.origin() + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient browser, String path, String json) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(host.origin() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Origin", host.origin())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signUp(HttpClient browser, String app, String email) throws Exception {
        HttpResponse<String> up = post(browser, app + "/api/auth/sign-up/email",
                "{\"name\":\"N\",\"email\":\"" + email + "\",\"password\":\"plum tractor lantern\"}");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(up.headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("; Path=" + app + ";"));
        String body = up.body();
        int id = body.indexOf("\"id\":\"") + 6;
        return body.substring(id, body.indexOf('"', id));
    }

    @Test
    void eachAppSetsItsCookiesOnItsOwnContextPathAndBothStaySignedIn() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String ann = signUp(browser, "/alpha", "ann@example.com");
        String bob = signUp(browser, "/beta", "bob@example.com");

        assertThat(get(browser, "/alpha/private/page").body()).isEqualTo("/alpha " + ann);
        assertThat(get(browser, "/beta/private/page").body()).isEqualTo("/beta " + bob);
    }

    @Test
    void anotherAppsPagesApiAndSignOutNeverTouchThisAppsCookies() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String ann = signUp(browser, "/alpha", "ann2@example.com");

        // Signed out on beta: its pages and session endpoint set no cookie; its sign-out clears beta's path only.
        for (HttpResponse<String> r : List.of(get(browser, "/beta/page"), get(browser, "/beta/api/auth/get-session"),
                get(browser, "/beta/private/page"))) {
            assertThat(r.headers().allValues("Set-Cookie")).as(r.uri().toString()).isEmpty();
        }
        assertThat(post(browser, "/beta/api/auth/sign-out", "{}").headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("; Path=/beta;"));
        assertThat(get(browser, "/beta/page").body()).isEqualTo("/beta anonymous");
        assertThat(get(browser, "/alpha/private/page").body()).isEqualTo("/alpha " + ann);

        // Signing in and out on beta ends beta's session only.
        signUp(browser, "/beta", "bob2@example.com");
        HttpResponse<String> out = post(browser, "/beta/api/auth/sign-out", "{}");
        assertThat(out.headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("Max-Age=0").contains("; Path=/beta;"));
        assertThat(get(browser, "/beta/private/page").statusCode()).isEqualTo(401);
        assertThat(get(browser, "/alpha/private/page").body()).isEqualTo("/alpha " + ann);
    }

    @Test
    void cookiePathSetToTheRootIsWhatTheAppAskedFor() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> up = post(browser, "/shared/api/auth/sign-up/email",
                "{\"name\":\"N\",\"email\":\"cy@example.com\",\"password\":\"plum tractor lantern\"}");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("; Path=/;"));
    }
}
