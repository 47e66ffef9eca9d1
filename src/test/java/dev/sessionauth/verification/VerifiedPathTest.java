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
import dev.sessionauth.testing.TestClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The filter setting {@code verified=/billing/**}: a session is not enough there, the address must be verified. */
class VerifiedPathTest {
    private static final Links links = new Links();

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b
            .verificationSender(links).set("verified", "/billing/**"));

    @Test
    void aVisitorIsUnauthorized() {
        assertError(server.client().get("/billing/invoices"), 401, "UNAUTHORIZED");
    }

    @Test
    void aSignedInUnverifiedUserIsRefusedThereButNotElsewhere() {
        TestClient browser = server.client();
        signUp(browser, uniqueEmail("unverified"));

        Reply billing = browser.get("/billing/invoices");
        assertError(billing, 403, "EMAIL_NOT_VERIFIED");
        assertThat(billing.body()).doesNotContain("\"path\"");
        Reply home = browser.get("/home");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.json().path("signedIn").asBoolean()).isTrue();
    }

    @Test
    void aVerifiedUserPasses() {
        String email = uniqueEmail("verified");
        TestClient browser = server.client();
        signUp(browser, email);
        assertStatusTrue(requestLink(browser, email));
        assertThat(verify(server.client(), links.next(email).token()).status()).isEqualTo(200);

        Reply billing = browser.get("/billing/invoices?page=2");
        assertThat(billing.status()).as(billing.body()).isEqualTo(200);
        assertThat(billing.json().path("email").asText()).isEqualTo(email);
        assertThat(browser.post("/billing/pay", "{}").status()).isEqualTo(200);
    }

    @Test
    void anUnverifiedUsersUnsafeRequestIsRefusedToo() {
        TestClient browser = server.client();
        signUp(browser, uniqueEmail("post"));
        assertError(browser.post("/billing/pay", "{}"), 403, "EMAIL_NOT_VERIFIED");
    }
}
