package dev.sessionauth.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.Test;

/** A fresh or verified demand inside a public area still applies: the stricter rule wins, failing closed. */
class StricterPathsWinOverPublicTest {
    @Test
    void aFreshPatternInsideAPublicAreaStillNeedsAFreshSignIn() {
        try (TestServer server = TestServer.start("public", "/settings/**", "fresh", "/settings/security/**",
                "verified", "/settings/billing/**")) {
            TestClient anonymous = server.client();
            assertThat(anonymous.get("/settings/profile").status()).isEqualTo(200);
            assertThat(anonymous.get("/settings/security/keys").code()).isEqualTo("UNAUTHORIZED");
            TestClient signedIn = server.client();
            signedIn.signUp("Overlap", "overlap@example.com", "velvet-otter-42");
            assertThat(signedIn.get("/settings/security/keys").status()).isEqualTo(200);
            assertThat(signedIn.get("/settings/billing/plan").code()).isEqualTo("EMAIL_NOT_VERIFIED");
        }
    }
}
