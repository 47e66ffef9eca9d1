package dev.sessionauth.lifecycle;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where an address must be verified before signing in, sign-up tells nobody whether an address has an account: a
 * taken address gets the answer a new one gets (as Better Auth 1.7), and its owner is told by mail instead of the
 * stranger by the answer.
 */
class SignUpEnumerationTest {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.start("emailVerification.required", "true",
            "mail.sender", Mailbox.class.getName());

    @Test
    void aTakenAddressAnswersLikeANewOneAndItsOwnerIsTold() {
        String owner = uniqueEmail("owner");
        Reply first = SERVER.get().client().signUp("Owner", owner, PASSWORD);
        assertThat(first.status()).isEqualTo(200);
        Mailbox.next(owner, Mail.Kind.VERIFY_EMAIL);

        Reply taken = SERVER.get().client().signUp("Stranger", owner, "another long password");
        Reply fresh = SERVER.get().client().signUp("Stranger", uniqueEmail("fresh"), "another long password");

        assertThat(taken.status()).isEqualTo(fresh.status()).isEqualTo(200);
        assertThat(taken.json().path("token").isNull()).isTrue();
        assertThat(taken.json().path("user").path("name").asText()).isEqualTo("Stranger");
        assertThat(taken.json().path("user").path("id").asText())
                .isNotEqualTo(first.json().path("user").path("id").asText());
        Mail told = Mailbox.next(owner, Mail.Kind.ACCOUNT_EXISTS);
        assertThat(told.user().getName()).isEqualTo("Owner");
        assertThat(told.link()).isEmpty();
    }
}
