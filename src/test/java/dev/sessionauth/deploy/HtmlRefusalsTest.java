package dev.sessionauth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The filter's refusals of the app's own pages reach a browser navigation as an HTML error page (the container's
 * through {@code sendError}, or the app's {@code errorPage}), while scripts and the API keep their JSON.
 */
class HtmlRefusalsTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String PASSWORD = "plum tractor lantern";

    @Test
    void aFormPostWithoutTheCsrfTokenShowsABrowserTheContainersErrorPageWithOurMessage() {
        try (TestServer server = TestServer.start("protected", "/app/**")) {
            TestClient browser = server.client();
            assertThat(browser.signUp("Gil", "gil@example.com", PASSWORD).status()).isEqualTo(200);
            TestClient.Reply page = browser.postForm("/app/settings", "theme=dark", "Accept", BROWSER);
            assertThat(page.status()).isEqualTo(403);
            assertThat(page.header("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("This form needs the session&apos;s CSRF token")
                    .doesNotContain("\"code\"").doesNotContain("Exception").doesNotContain("at dev.");

            TestClient.Reply script = browser.postForm("/app/settings", "theme=dark", "Accept", "*/*");
            assertThat(script.status()).isEqualTo(403);
            assertThat(script.code()).isEqualTo("INVALID_CSRF_TOKEN");
            TestClient.Reply json = browser.postForm("/app/settings", "theme=dark",
                    "Accept", "application/json, text/html;q=0.5");
            assertThat(json.code()).isEqualTo("INVALID_CSRF_TOKEN");
        }
    }

    @Test
    void aCrossSitePostToAPageShowsABrowserAnErrorPageButTheApiKeepsJson() {
        try (TestServer server = TestServer.start("protected", "/app/**")) {
            TestClient browser = server.client();
            assertThat(browser.signUp("Hal", "hal@example.com", PASSWORD).status()).isEqualTo(200);
            TestClient.Reply page = browser.postForm("/app/settings", "a=1", "Accept", BROWSER,
                    "Origin", "https://evil.example");
            assertThat(page.status()).isEqualTo(403);
            assertThat(page.header("Content-Type").orElse("")).startsWith("text/html");
            TestClient.Reply api = browser.post("/api/auth/sign-out", "{}", "Accept", BROWSER,
                    "Origin", "https://evil.example");
            assertThat(api.status()).isEqualTo(403);
            assertThat(api.code()).isEqualTo("INVALID_ORIGIN");
        }
    }

    @Test
    void anErrorPageSettingForwardsTheBrowserThereWithTheStatusAndTheCode() {
        try (TestServer server = TestServer.start("protected", "/app/**", "errorPage", "/oops")) {
            TestClient browser = server.client();
            assertThat(browser.signUp("Ida", "ida@example.com", PASSWORD).status()).isEqualTo(200);
            TestClient.Reply page = browser.postForm("/app/settings", "a=1", "Accept", BROWSER);
            assertThat(page.status()).isEqualTo(403);
            // The echo servlet serves /oops: the forward reached it (a forward's URI is its target's), same request.
            assertThat(page.json().path("path").asText()).isEqualTo("/oops");
            assertThat(page.json().path("method").asText()).isEqualTo("POST");
            assertThat(page.json().has("signedIn")).as("no session context for a refused request").isFalse();
        }
    }
}
