package dev.sessionauth.verification;

import static dev.sessionauth.verification.Links.TOKEN_COOKIE;
import static dev.sessionauth.verification.Links.assertStatusTrue;
import static dev.sessionauth.verification.Links.requestLink;
import static dev.sessionauth.verification.Links.secrets;
import static dev.sessionauth.verification.Links.signIn;
import static dev.sessionauth.verification.Links.signUp;
import static dev.sessionauth.verification.Links.uniqueEmail;
import static dev.sessionauth.verification.Links.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verification is optional by default: sign-up signs in and sends nothing unless
 * {@code emailVerification.sendOnSignUp}; a user can still verify on request, and the session then shows it.
 */
class OptionalVerificationTest {
    private final Links links = new Links();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void byDefaultSignUpSignsInAndSendsNoLink() {
        server = TestServer.builder().verificationSender(links).start();
        String email = uniqueEmail("plain");
        TestClient browser = server.client();
        Reply up = signUp(browser, email);

        assertThat(up.json().path("token").asText()).hasSize(43);
        assertThat(up.json().path("user").path("emailVerified").asBoolean()).isFalse();
        assertThat(browser.cookie(TOKEN_COOKIE)).isPresent();
        assertThat(secrets(server, email)).isZero();

        // Links go out in order on one background thread: once a later one has arrived, none is pending for email.
        String marker = uniqueEmail("marker");
        signUp(server.client(), marker);
        assertStatusTrue(requestLink(server.client(), marker));
        links.next(marker);
        assertThat(links.pending(email)).isEmpty();
    }

    @Test
    void anUnverifiedUserSignsInNormally() {
        server = TestServer.builder().verificationSender(links).start();
        String email = uniqueEmail("unverified");
        signUp(server.client(), email);
        Reply in = signIn(server.client(), email);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("user").path("emailVerified").asBoolean()).isFalse();
    }

    @Test
    void verifyingOnRequestShowsInTheSignedInSession() {
        server = TestServer.builder().verificationSender(links).start();
        String email = uniqueEmail("later");
        TestClient browser = server.client();
        signUp(browser, email);
        assertThat(browser.getSession().json().path("user").path("emailVerified").asBoolean()).isFalse();

        assertStatusTrue(requestLink(browser, email));
        assertThat(verify(server.client(), links.next(email).token()).status()).isEqualTo(200);

        assertThat(browser.getSession().json().path("user").path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void sendOnSignUpSendsALinkAndStillSignsIn() {
        server = TestServer.builder().verificationSender(links).set("emailVerification.sendOnSignUp", "true").start();
        String email = uniqueEmail("send");
        TestClient browser = server.client();
        Reply up = signUp(browser, email);
        assertThat(up.json().path("token").asText()).hasSize(43);
        assertThat(browser.cookie(TOKEN_COOKIE)).isPresent();

        assertThat(verify(server.client(), links.next(email).token()).status()).isEqualTo(200);
        assertThat(browser.getSession().json().path("user").path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void requiredWithoutSendOnSignUpSendsTheFirstLinkAtSignIn() {
        server = TestServer.builder().verificationSender(links).set("emailVerification.required", "true")
                .set("emailVerification.sendOnSignUp", "false").start();
        String email = uniqueEmail("quiet");
        Reply up = signUp(server.client(), email);
        assertThat(up.json().path("token").isNull()).isTrue();
        assertThat(secrets(server, email)).isZero();

        Reply in = signIn(server.client(), email);
        Links.assertError(in, 403, "EMAIL_NOT_VERIFIED");
        assertThat(verify(server.client(), links.next(email).token()).status()).isEqualTo(200);
        assertThat(signIn(server.client(), email).status()).isEqualTo(200);
    }
}
