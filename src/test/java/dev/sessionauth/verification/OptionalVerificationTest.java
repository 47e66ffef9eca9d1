package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.verification.Links.assertStatusTrue;
import static dev.sessionauth.verification.Links.requestLink;
import static dev.sessionauth.verification.Links.secrets;
import static dev.sessionauth.verification.Links.signIn;
import static dev.sessionauth.verification.Links.signUp;
import static dev.sessionauth.verification.Links.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verification is optional by default: sign-up signs in and sends nothing unless
 * {@code emailVerification.sendOnSignUp}; a user can still verify on request, and the session then shows it.
 */
class OptionalVerificationTest {
    private final Links links = new Links();
    @RegisterExtension
    final ServerExtension server = ServerExtension.onDemand(b -> b.verificationSender(links));

    @Test
    void byDefaultSignUpSignsInAndSendsNoLink() {
        server.launch();
        String email = uniqueEmail("plain");
        TestClient browser = server.client();
        Reply up = signUp(browser, email);

        assertThat(up.json().path("token").asText()).hasSize(43);
        assertThat(up.json().path("user").path("emailVerified").asBoolean()).isFalse();
        assertThat(browser.cookie(TOKEN_COOKIE)).isPresent();
        assertThat(secrets(server.get(), email)).isZero();

        // Links go out in order on one background thread: once a later one has arrived, none is pending for email.
        String marker = uniqueEmail("marker");
        signUp(server.client(), marker);
        assertStatusTrue(requestLink(server.client(), marker));
        links.next(marker);
        assertThat(links.pending(email)).isEmpty();
    }

    @Test
    void anUnverifiedUserSignsInNormally() {
        server.launch();
        String email = uniqueEmail("unverified");
        signUp(server.client(), email);
        Reply in = signIn(server.client(), email);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("user").path("emailVerified").asBoolean()).isFalse();
    }

    @Test
    void verifyingOnRequestShowsInTheSignedInSession() {
        server.launch();
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
        server.launch(b -> b.set("emailVerification.sendOnSignUp", "true"));
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
        server.launch(b -> b.set("emailVerification.required", "true")
                .set("emailVerification.sendOnSignUp", "false"));
        String email = uniqueEmail("quiet");
        Reply up = signUp(server.client(), email);
        assertThat(up.json().path("token").isNull()).isTrue();
        assertThat(secrets(server.get(), email)).isZero();

        Reply in = signIn(server.client(), email);
        Links.assertError(in, 403, "EMAIL_NOT_VERIFIED");
        assertThat(verify(server.client(), links.next(email).token()).status()).isEqualTo(200);
        assertThat(signIn(server.client(), email).status()).isEqualTo(200);
    }
}
