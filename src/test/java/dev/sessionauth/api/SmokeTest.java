package dev.sessionauth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void signUpThenGetSessionThenSignOut() {
        try (TestServer server = TestServer.start("protected", "/app/**")) {
            TestClient browser = server.client();
            assertThat(browser.get("/app/x").status()).isEqualTo(401);
            TestClient.Reply up = browser.signUp("Ada", "Ada@Example.com", "correct horse");
            assertThat(up.status()).as(up.body()).isEqualTo(200);
            assertThat(up.json().path("user").path("email").asText()).isEqualTo("ada@example.com");
            TestClient.Reply session = browser.getSession();
            assertThat(session.json().path("user").path("email").asText()).isEqualTo("ada@example.com");
            TestClient.Reply app = browser.get("/app/x");
            assertThat(app.status()).isEqualTo(200);
            assertThat(app.json().path("signedIn").asBoolean()).isTrue();
            assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
            assertThat(browser.getSession().body()).isEqualTo("null");
            assertThat(browser.get("/app/x").status()).isEqualTo(401);
        }
    }
}
