package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.verification.Links.assertError;
import static dev.sessionauth.verification.Links.assertStatusTrue;
import static dev.sessionauth.verification.Links.requestLink;
import static dev.sessionauth.verification.Links.signUp;
import static dev.sessionauth.verification.Links.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Under {@code session.strategy=jwt} the browser's signed cookie cache holds {@code emailVerified}: opening the link
 * in that same browser must not leave it saying "unverified" for the cache's lifetime.
 */
class VerificationWithJwtCacheTest {
    private static final Links links = new Links();

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b
            .verificationSender(links).set("session.strategy", "jwt")
            .set("verified", "/billing/**"));

    @Test
    void openingTheLinkInTheSignedInBrowserUpdatesWhatThatBrowserSees() {
        String email = uniqueEmail("jwt");
        TestClient browser = server.client();
        signUp(browser, email);
        assertError(browser.get("/billing/invoices"), 403, "EMAIL_NOT_VERIFIED");
        assertStatusTrue(requestLink(browser, email));

        assertThat(verify(browser, links.next(email).token()).status()).isEqualTo(200);

        assertThat(browser.getSession().json().path("user").path("emailVerified").asBoolean())
                .as("get-session in the browser that opened the link").isTrue();
        assertThat(browser.get("/billing/invoices").status()).isEqualTo(200);
    }

    @Test
    void getSessionWithoutTheCacheSeesTheVerificationAtOnce() {
        String email = uniqueEmail("jwtnocache");
        TestClient browser = server.client();
        signUp(browser, email);
        assertStatusTrue(requestLink(browser, email));
        assertThat(verify(server.client(), links.next(email).token()).status()).isEqualTo(200);

        assertThat(browser.get("/api/auth/get-session?disableCookieCache=true").json().path("user")
                .path("emailVerified").asBoolean()).isTrue();
    }
}
