package dev.sessionauth.passkey;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts made with a passkey alone ({@code passkey.signUp=true}): Better Auth's passkey-first registration, driven
 * as its client drives it ({@code addPasskey({context, createSession: true})}, {@code context} naming the account).
 * The account has no password; it signs in with its passkey and keeps its last way in.
 */
class PasskeySignUpTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(String... settings) {
        server = TestServer.builder().set("passkey.enabled", "true").set("passkey.rpId", "localhost")
                .set("passkey.signUp", "true").settings(settings).start();
        return server;
    }

    private static String context(String email, String name) {
        return Accounts.json("email", email, "name", name);
    }

    private static Reply signUpOptions(PasskeyBrowser browser, String context) {
        return browser.client.get(PasskeyBrowser.REGISTER_OPTIONS + "?context="
                + URLEncoder.encode(context, StandardCharsets.UTF_8));
    }

    /** The registration response of {@code key} to the sign-up options for {@code email}, not yet sent. */
    private static ObjectNode signUpResponse(PasskeyBrowser browser, SoftAuthenticator key, String email) {
        Reply options = signUpOptions(browser, context(email, "Ada Lovelace"));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return key.register(browser.registration(options.json()));
    }

    @Test
    void anAccountIsMadeWithAPasskeyAloneSignedInAndSignsInAgainWithIt() {
        start();
        PasskeyBrowser laptop = new PasskeyBrowser(server);
        String email = Accounts.uniqueEmail("ada");
        SoftAuthenticator key = new SoftAuthenticator();

        Reply options = signUpOptions(laptop, context(" " + email.toUpperCase() + " ", "  Ada Lovelace "));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().path("user").path("name").asText()).isEqualTo(email);
        assertThat(options.json().path("user").path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(options.json().path("excludeCredentials")).isEmpty();
        assertThat(server.count("SELECT COUNT(*) FROM sa_user")).as("nothing is made before the passkey is").isZero();

        Reply made = laptop.verifyRegistration(key.register(laptop.registration(options.json())),
                "name", "Laptop", "createSession", true);

        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonNode body = made.json();
        assertThat(body.path("name").asText()).isEqualTo("Laptop");
        assertThat(body.path("credentialID").asText()).isEqualTo(key.credentialId());
        assertThat(body.path("user").path("email").asText()).isEqualTo(email);
        assertThat(body.path("user").path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(body.path("user").path("emailVerified").asBoolean()).isFalse();
        String userId = body.path("user").path("id").asText();
        assertThat(body.path("userId").asText()).isEqualTo(userId);
        assertThat(body.path("session").path("userId").asText()).isEqualTo(userId);
        assertThat(laptop.client.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(userId);
        assertThat(options.json().path("user").path("id").asText()).isEqualTo(new PasskeyUser(userId, email, email)
                .handle());
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE user_id = ?", userId)).as("no password")
                .isZero();

        PasskeyBrowser phone = new PasskeyBrowser(server);
        assertThat(phone.signIn(key, 1).status()).isEqualTo(200);
        assertThat(phone.client.get(GET_SESSION).json().path("user").path("email").asText()).isEqualTo(email);
        assertThat(phone.client.signIn(email, Accounts.PASSWORD).code()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
        Reply last = phone.delete(body.path("id").asText());
        assertThat(last.code()).isEqualTo("CANNOT_DELETE_LAST_WAY_IN");
    }

    @Test
    void withoutCreateSessionTheAccountIsMadeAndSignsInLater() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        String email = Accounts.uniqueEmail("ada");
        SoftAuthenticator key = new SoftAuthenticator();

        Reply made = browser.verifyRegistration(signUpResponse(browser, key, email));

        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().has("session")).isFalse();
        assertThat(browser.client.cookie(TOKEN_COOKIE)).isEmpty();
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isEqualTo(1);
        assertThat(browser.signIn(key, 1).status()).isEqualTo(200);
    }

    @Test
    void anAddressThatHasAnAccountIsRefusedBeforeAndAfterTheCeremony() {
        start();
        PasskeyBrowser owner = new PasskeyBrowser(server);
        String taken = owner.signUp("owner").email();
        PasskeyBrowser other = new PasskeyBrowser(server);

        Reply early = signUpOptions(other, context(taken.toUpperCase(), "Eve"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.code()).isEqualTo("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");

        String email = Accounts.uniqueEmail("race");
        ObjectNode response = signUpResponse(other, new SoftAuthenticator(), email);
        Accounts.signUp(new PasskeyBrowser(server).client, email);
        Reply late = other.verifyRegistration(response, "createSession", true);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.code()).isEqualTo("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
        assertThat(server.count("SELECT COUNT(*) FROM sa_passkey")).isZero();
        assertThat(other.client.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void aContextThatDoesNotNameAnAccountIsRefused() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);

        for (String context : List.of("not json", "[]", "{\"email\":\"a@example.com\"}",
                "{\"email\":\"a@example.com\",\"name\":\"A\",\"role\":\"admin\"}",
                "{\"email\":\"a@example.com\",\"name\":\"   \"}", "{\"email\":1,\"name\":\"A\"}")) {
            Reply reply = signUpOptions(browser, context);
            assertThat(reply.status()).as(context).isEqualTo(400);
            assertThat(reply.code()).as(context).isEqualTo("INVALID_REQUEST_BODY");
        }
        Reply badAddress = signUpOptions(browser, context("not-an-address", "A"));
        assertThat(badAddress.code()).isEqualTo("INVALID_EMAIL");
        Reply noContext = browser.client.get(PasskeyBrowser.REGISTER_OPTIONS);
        assertThat(noContext.status()).isEqualTo(401);
        assertThat(noContext.code()).isEqualTo("UNAUTHORIZED");
        assertThat(server.count("SELECT COUNT(*) FROM sa_verification")).isZero();
    }

    @Test
    void aFailedCeremonyMakesNoAccount() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        String email = Accounts.uniqueEmail("ada");
        Reply options = signUpOptions(browser, context(email, "Ada"));

        Reply refused = browser.verifyRegistration(new SoftAuthenticator().register(
                browser.registration(options.json()).origin("https://evil.example")), "createSession", true);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("FAILED_TO_VERIFY_REGISTRATION");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user")).isZero();
        assertThat(browser.client.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void theAccountInTheCookieCannotBeChanged() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        ObjectNode response = signUpResponse(browser, new SoftAuthenticator(), Accounts.uniqueEmail("ada"));
        String cookie = browser.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow();
        String token = cookie.substring(0, cookie.indexOf('~'));
        String signature = cookie.substring(cookie.lastIndexOf('.'));
        String other = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                context("victim@example.com", "Victim").getBytes(StandardCharsets.UTF_8));
        browser.client.clearCookies();
        browser.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE, token + "~" + other + signature);

        Reply reply = browser.verifyRegistration(response, "createSession", true);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user")).isZero();
    }

    @Test
    void aSignedInBrowserRegistersToItsUserWhateverTheContextSaysAndSignUpChallengesDoNotCross() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        String email = Accounts.uniqueEmail("stranger");
        ObjectNode signUp = signUpResponse(browser, new SoftAuthenticator(), email);
        String signUpCookie = browser.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow();
        dev.sessionauth.testing.SignedInUser ada = browser.signUp("ada");

        Reply options = signUpOptions(browser, context(Accounts.uniqueEmail("someone"), "Someone"));
        assertThat(options.json().path("user").path("id").asText())
                .isEqualTo(new PasskeyUser(ada.userId(), "x@example.com", "x").handle());

        String session = ada.cookie();
        browser.client.clearCookies();
        browser.client.putCookie(TOKEN_COOKIE, session);
        browser.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE, signUpCookie);
        Reply crossed = browser.verifyRegistration(signUp);
        assertThat(crossed.status()).isEqualTo(400);
        assertThat(crossed.code()).as("a signed-in browser registers; a sign-up challenge is not one")
                .isEqualTo("CHALLENGE_NOT_FOUND");
        browser.client.clearCookies();
        browser.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE, signUpCookie);
        assertThat(browser.verifyRegistration(signUp).code()).as("and it was used up trying")
                .isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isZero();
    }

    @Test
    void withoutTheSettingAnonymousRegistrationStays401AsInBetterAuthsDefault() {
        server = TestServer.builder().set("passkey.enabled", "true").set("passkey.rpId", "localhost").start();
        PasskeyBrowser browser = new PasskeyBrowser(server);

        Reply options = signUpOptions(browser, context(Accounts.uniqueEmail("ada"), "Ada"));

        assertThat(options.status()).isEqualTo(401);
        assertThat(options.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void passkeySignUpsAreThrottledPerAddress() {
        server = TestServer.builder().set("passkey.enabled", "true").set("passkey.rpId", "localhost")
                .set("passkey.signUp", "true").shippedThrottle().set("rateLimit.strict.max", "2").start();
        PasskeyBrowser browser = new PasskeyBrowser(server);

        signUpOptions(browser, context(Accounts.uniqueEmail("a"), "A"));
        signUpOptions(browser, context(Accounts.uniqueEmail("b"), "B"));
        Reply third = signUpOptions(browser, context(Accounts.uniqueEmail("c"), "C"));

        assertThat(third.status()).isEqualTo(429);
    }

    @Test
    void signUpWithAPasskeyCannotBeCombinedWithRequiredEmailVerification() {
        assertThatThrownBy(() -> TestServer.engineBuilder().set("passkey.enabled", "true")
                .set("passkey.rpId", "localhost").set("passkey.signUp", "true")
                .set("emailVerification.required", "true").build())
                .hasMessageContaining("passkey.signUp").hasMessageContaining("emailVerification.required");
    }
}
