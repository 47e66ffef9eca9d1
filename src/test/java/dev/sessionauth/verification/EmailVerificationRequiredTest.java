package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.verification.Links.assertError;
import static dev.sessionauth.verification.Links.requestLink;
import static dev.sessionauth.verification.Links.secrets;
import static dev.sessionauth.verification.Links.signIn;
import static dev.sessionauth.verification.Links.signUp;
import static dev.sessionauth.verification.Links.verified;
import static dev.sessionauth.verification.Links.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.verification.Links.Sent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code emailVerification.required=true}: sign-up answers {@code {token:null, user}} without a session and mails a
 * one-time link; sign-in is refused with 403 EMAIL_NOT_VERIFIED (and a fresh link) until the link is opened.
 */
class EmailVerificationRequiredTest {
    private static final Links links = new Links();

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b
            .set("emailVerification.required", "true").verificationSender(links));

    @Test
    void signUpAnswersANullTokenTheUnverifiedUserAndNoSession() {
        String email = uniqueEmail("signup");
        TestClient browser = server.client();
        Reply up = signUp(browser, email);

        assertThat(up.json().has("token")).as(up.body()).isTrue();
        assertThat(up.json().path("token").isNull()).as(up.body()).isTrue();
        JsonNode user = up.json().path("user");
        assertThat(user.path("email").asText()).isEqualTo(email);
        assertThat(user.path("emailVerified").asBoolean()).isFalse();
        assertThat(up.setCookie(TOKEN_COOKIE)).as("no session cookie").isEmpty();
        assertThat(browser.cookie(TOKEN_COOKIE)).isEmpty();
        assertThat(browser.get(GET_SESSION).body()).isEqualTo("null");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session s JOIN sa_user u ON s.user_id = u.id WHERE u.email = ?",
                email)).as("no session row").isZero();
    }

    @Test
    void signUpSendsTheNewUserAnAbsoluteOneTimeLink() {
        String email = uniqueEmail("link");
        signUp(server.client(), email);

        Sent sent = links.next(email);
        assertThat(sent.user().getEmail()).isEqualTo(email);
        assertThat(sent.user().isEmailVerified()).isFalse();
        assertThat(sent.link()).as("a link a mail client can open")
                .matches(java.util.regex.Pattern.quote(server.origin() + "/api/auth/verify-email?token=")
                        + "[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]+");
    }

    @Test
    void openingTheLinkVerifiesTheAddressAndSignInThenWorks() {
        String email = uniqueEmail("verify");
        signUp(server.client(), email);
        Sent sent = links.next(email);

        Reply v = verify(server.client(), sent.token());
        assertThat(v.status()).as(v.body()).isEqualTo(200);
        assertThat(v.json().path("status").asBoolean()).isTrue();
        assertThat(v.json().path("user").path("email").asText()).isEqualTo(email);
        assertThat(v.json().path("user").path("emailVerified").asBoolean()).isTrue();
        assertThat(verified(server.get(), email)).isTrue();

        TestClient browser = server.client();
        Reply in = signIn(browser, email);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("token").asText()).hasSize(43);
        assertThat(in.json().path("user").path("emailVerified").asBoolean()).isTrue();
        assertThat(browser.getSession().json().path("user").path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void signInBeforeVerifyingIsRefusedAndSendsAFreshLink() {
        String email = uniqueEmail("early");
        signUp(server.client(), email);
        Sent first = links.next(email);

        TestClient browser = server.client();
        Reply in = signIn(browser, email);
        assertError(in, 403, "EMAIL_NOT_VERIFIED");
        assertThat(in.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(browser.getSession().body()).isEqualTo("null");

        Sent fresh = links.next(email);
        assertThat(fresh.token()).isNotEqualTo(first.token());
        assertError(verify(server.client(), first.token()), 401, "INVALID_TOKEN");
        assertThat(verify(server.client(), fresh.token()).status()).isEqualTo(200);
        assertThat(signIn(server.client(), email).status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsStillTheGenericRefusalAndSendsNothing() {
        String email = uniqueEmail("wrongpw");
        signUp(server.client(), email);
        links.next(email);
        long before = secrets(server.get(), email);

        Reply in = server.client().post(Accounts.SIGN_IN,
                Accounts.json("email", email, "password", "not the password"));
        assertError(in, 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(secrets(server.get(), email)).isEqualTo(before);
        assertThat(links.pending(email)).isEmpty();
    }

    @Test
    void aLinkWorksOnlyOnce() {
        String email = uniqueEmail("once");
        signUp(server.client(), email);
        String token = links.next(email).token();

        assertThat(verify(server.client(), token).status()).isEqualTo(200);
        assertError(verify(server.client(), token), 401, "INVALID_TOKEN");
        assertThat(secrets(server.get(), email)).isZero();
    }

    @Test
    void aNewerLinkInvalidatesTheOlderOne() {
        String email = uniqueEmail("newer");
        signUp(server.client(), email);
        Sent first = links.next(email);
        Links.assertStatusTrue(requestLink(server.client(), email));
        Sent second = links.next(email);

        assertThat(secrets(server.get(), email)).as("one live secret per user").isOne();
        assertError(verify(server.client(), first.token()), 401, "INVALID_TOKEN");
        assertThat(verify(server.client(), second.token()).status()).isEqualTo(200);
    }

    @Test
    void onlyAHashOfTheTokenIsStored() throws Exception {
        String email = uniqueEmail("hash");
        signUp(server.client(), email);
        String token = links.next(email).token();

        assertThat(server.count("SELECT COUNT(*) FROM sa_verification WHERE value_hash = ?", TokenHasher.hash(token)))
                .isOne();
        try (Connection c = server.database(); PreparedStatement ps = c.prepareStatement("SELECT * FROM sa_verification");
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).as(meta.getColumnName(i)).doesNotContain(token);
                }
            }
        }
    }

    @Test
    void aMalformedMissingOrUnknownTokenIsInvalid() {
        assertError(verify(server.client(), "short"), 401, "INVALID_TOKEN");
        assertError(server.client().get(Accounts.VERIFY), 401, "INVALID_TOKEN");
        assertError(verify(server.client(), "A".repeat(43)), 401, "INVALID_TOKEN");
        assertError(verify(server.client(), "%3Cscript%3E"), 401, "INVALID_TOKEN");
    }

    @Test
    void theLinkDoesNotWorkAsASessionToken() {
        String email = uniqueEmail("notasession");
        signUp(server.client(), email);
        String token = links.next(email).token();
        Reply asBearer = server.client().withoutOrigin().header("Authorization", "Bearer " + token).getSession();
        assertThat(asBearer.body()).isEqualTo("null");
        assertThat(verify(server.client(), token).status()).as("still unused").isEqualTo(200);
    }

    @Test
    void aDuplicateSignUpAnswersAsANewOneAndSendsNoLink() {
        String email = uniqueEmail("dup");
        signUp(server.client(), email);
        links.next(email);
        String fresh = uniqueEmail("fresh");

        Reply again = server.client().post(Accounts.SIGN_UP, Accounts.json("name", "Eve", "email", email,
                "password", "another long password"));
        Reply other = server.client().post(Accounts.SIGN_UP, Accounts.json("name", "Eve", "email", fresh,
                "password", "another long password"));

        // Where the address must be verified first, the answer tells nobody that it has an account (as Better Auth).
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("token").isNull()).isTrue();
        assertThat(again.json().path("user").path("email").asText()).isEqualTo(email);
        assertThat(again.json().path("user").fieldNames()).toIterable()
                .containsExactlyElementsOf(() -> other.json().path("user").fieldNames());
        assertThat(again.setCookie("sessionauth.session_token")).isEmpty();
        assertThat(secrets(server.get(), email)).as("the first link is still the live one").isOne();
    }
}
