package dev.sessionauth.filter;

import dev.sessionauth.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * {@code securityHeaders.*}: nosniff, no framing and a strict Referrer-Policy on everything the filter serves and
 * guards (the app's pages, the API, its refusals), on by default like Spring Security's, and each switchable.
 */
class SecurityHeadersTest {

    private static void assertHardened(Reply r) {
        assertThat(r.header("X-Content-Type-Options")).as("nosniff on %s", r.status()).contains("nosniff");
        assertThat(r.header("X-Frame-Options")).as("X-Frame-Options on %s", r.status()).contains("DENY");
        assertThat(r.header("Content-Security-Policy")).as("CSP on %s", r.status()).contains("frame-ancestors 'none'");
        assertThat(r.header("Referrer-Policy")).as("Referrer-Policy on %s", r.status())
                .contains("strict-origin-when-cross-origin");
    }

    @Test
    void everyAnswerTheFilterServesOrGuardsCarriesTheHeadersByDefault() {
        try (TestServer server = TestServer.start("protected", "/app/**", "public", "/app/open")) {
            TestClient client = server.client();
            Reply refused = client.get("/app/page");
            assertThat(refused.status()).isEqualTo(401);
            assertHardened(refused);
            assertHardened(client.get("/app/open"));
            assertHardened(client.get("/elsewhere"));
            assertHardened(client.get("/api/auth/get-session"));
            assertHardened(client.get("/api/auth/no-such-endpoint"));

            Reply signUp = client.signUp("Ada", "headers@example.com", "plum tractor lantern");
            assertThat(signUp.status()).isEqualTo(200);
            assertHardened(signUp);
            Reply page = client.get("/app/page");
            assertThat(page.status()).isEqualTo(200);
            assertHardened(page);
        }
    }

    @Test
    void aRefusedAmbiguousPathCarriesThemToo() {
        try (TestServer server = TestServer.start("protected", "/app/**")) {
            RawClient.Response r = RawClient.get(server.port(), "/app%2Fpage");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.header("X-Frame-Options")).contains("DENY");
        }
    }

    @Test
    void eachHeaderCanBeChangedOrSwitchedOffOnItsOwn() {
        try (TestServer server = TestServer.start("securityHeaders.frameOptions", "SAMEORIGIN",
                "securityHeaders.referrerPolicy", "no-referrer", "securityHeaders.contentTypeOptions", "false")) {
            Reply r = server.client().get("/page");
            assertThat(r.header("X-Frame-Options")).contains("SAMEORIGIN");
            assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'self'");
            assertThat(r.header("Referrer-Policy")).contains("no-referrer");
            assertThat(r.header("X-Content-Type-Options")).isEmpty();
        }
        try (TestServer server = TestServer.start("securityHeaders.frameOptions", "off")) {
            Reply r = server.client().get("/page");
            assertThat(r.header("X-Frame-Options")).isEmpty();
            assertThat(r.header("Content-Security-Policy")).isEmpty();
            assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void eachHeaderIsSentOnce() {
        try (TestServer server = TestServer.start()) {
            Reply r = server.client().get("/page");
            assertThat(r.allHeaders("X-Frame-Options")).containsExactly("DENY");
            assertThat(r.allHeaders("Content-Security-Policy")).containsExactly("frame-ancestors 'none'");
            assertThat(r.allHeaders("Referrer-Policy")).hasSize(1);
        }
    }

    @Test
    void hstsIsSentOnlyWhenTheAppIsReachedOverHttps() {
        try (TestServer plain = TestServer.start()) {
            assertThat(plain.client().get("/page").header("Strict-Transport-Security")).isEmpty();
        }
        // An https baseURL means a TLS-terminating proxy in front: the browser sees https.
        try (TestServer behindTls = TestServer.start("baseURL", "https://app.example.com")) {
            assertThat(behindTls.client().get("/page").header("Strict-Transport-Security"))
                    .contains("max-age=31536000; includeSubDomains");
        }
        try (TestServer off = TestServer.start("baseURL", "https://app.example.com", "securityHeaders.hsts", "off")) {
            assertThat(off.client().get("/page").header("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void oneSwitchTurnsAllOfThemOff() {
        try (TestServer server = TestServer.start("securityHeaders", "false", "baseURL", "https://app.example.com")) {
            Reply r = server.client().get("/page");
            assertThat(r.header("X-Frame-Options")).isEmpty();
            assertThat(r.header("X-Content-Type-Options")).isEmpty();
            assertThat(r.header("Referrer-Policy")).isEmpty();
            assertThat(r.header("Strict-Transport-Security")).isEmpty();
        }
    }
}
