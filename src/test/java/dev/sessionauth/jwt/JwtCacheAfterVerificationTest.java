package dev.sessionauth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under the jwt strategy the cached user is what {@code verified=} paths judge. Like update-user, verifying the
 * address in the browser that holds the session must not leave that browser locked out of a verified path until
 * the cache expires.
 */
class JwtCacheAfterVerificationTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String EMAIL = "verify-jwt@example.com";

    private final BlockingQueue<String> links = new LinkedBlockingQueue<>();
    private TestServer server;
    private TestClient browser;

    @BeforeEach
    void start() {
        server = TestServer.builder().set("session.strategy", "jwt").set("verified", "/billing/**")
                .verificationSender((user, link) -> links.add(link)).start();
        browser = server.client();
        assertThat(browser.signUp("Verify", EMAIL, PASSWORD).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String link() throws InterruptedException {
        TestClient.Reply r = browser.post("/api/auth/send-verification-email", TestClient.json(Map.of("email", EMAIL)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String link = links.poll(20, TimeUnit.SECONDS);
        assertThat(link).as("a verification link was sent").isNotNull();
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    void aVerifiedPathOpensRightAfterVerifyingInTheSameBrowser() throws InterruptedException {
        TestClient.Reply before = browser.get("/billing/invoices");
        assertThat(before.status()).isEqualTo(403);
        assertThat(before.code()).isEqualTo("EMAIL_NOT_VERIFIED");

        TestClient.Reply verified = browser.get(link());
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);

        TestClient.Reply after = browser.get("/billing/invoices");
        assertThat(after.status()).as("the cached user still says emailVerified=false: %s", after.body())
                .isEqualTo(200);
        assertThat(browser.getSession().json().path("user").path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void getSessionWithoutTheCacheSeesTheVerificationAtOnce() throws InterruptedException {
        assertThat(browser.get(link()).status()).isEqualTo(200);
        TestClient.Reply r = browser.get("/api/auth/get-session?disableCookieCache=true");
        assertThat(r.json().path("user").path("emailVerified").asBoolean()).isTrue();
        assertThat(browser.get("/billing/invoices").status()).as("get-session re-issued the cache").isEqualTo(200);
    }
}
