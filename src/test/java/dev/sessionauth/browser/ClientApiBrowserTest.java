package dev.sessionauth.browser;

import dev.sessionauth.testing.Chromium;
import dev.sessionauth.User;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.ServerExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real /sessionauth/client.js in headless Chromium against a real server: each call's wire and result shape. */
class ClientApiBrowserTest extends BrowserTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(BrowserPages::pages);

    @BeforeEach
    void openTestPage() {
        browser.get(server.url("/client-test.html"));
    }

    @Test
    void signUpThenGetSessionReturnsTheUser() {
        String email = uniqueEmail();
        JsonNode signUp = browser.call("authClient.signUp.email({name: 'Ada', email: '" + email
                + "', password: 'correct horse', image: undefined, rememberMe: undefined})");
        assertThat(signUp.get("error").isNull()).as("sign-up result %s", signUp).isTrue();
        assertThat(signUp.at("/data/user/email").asText()).isEqualTo(email);
        assertThat(signUp.at("/data/token").asText()).isNotEmpty();

        JsonNode session = browser.call("authClient.getSession()");

        assertThat(session.get("error").isNull()).isTrue();
        assertThat(session.at("/data/user/email").asText()).isEqualTo(email);
        assertThat(session.at("/data/user/name").asText()).isEqualTo("Ada");
        assertThat(session.at("/data/session/userId").asText()).isEqualTo(session.at("/data/user/id").asText());
        assertThat(session.at("/data/session/expiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void getSessionWhenSignedOutIsDataNullWithoutError() {
        JsonNode session = browser.call("authClient.getSession()");

        assertThat(session.get("data").isNull()).isTrue();
        assertThat(session.get("error").isNull()).isTrue();
    }

    @Test
    void wrongPasswordResolvesToInvalidEmailOrPassword() {
        String email = signUp(browser);
        browser.call("authClient.signOut()");

        JsonNode result = browser.call("authClient.signIn.email({email: '" + email + "', password: 'wrong password'})");

        assertThat(result.has("thrown")).as("never rejects: %s", result).isFalse();
        assertThat(result.get("data").isNull()).isTrue();
        assertThat(result.at("/error/status").asInt()).isEqualTo(401);
        assertThat(result.at("/error/code").asText()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
        assertThat(result.at("/error/message").asText()).isNotEmpty();
        assertThat(browser.call("authClient.getSession()").get("data").isNull()).isTrue();
    }

    @Test
    void signInWithTheRightPasswordStartsASession() {
        String email = signUp(browser);
        browser.call("authClient.signOut()");

        JsonNode result = browser.call("authClient.signIn.email({email: '" + email
                + "', password: 'correct horse', rememberMe: true})");

        assertThat(result.get("error").isNull()).as("%s", result).isTrue();
        assertThat(result.at("/data/redirect").asBoolean()).isFalse();
        assertThat(result.at("/data/user/email").asText()).isEqualTo(email);
        assertThat(browser.call("authClient.getSession()").at("/data/user/email").asText()).isEqualTo(email);
    }

    @Test
    void fiveConcurrentGetSessionCallsMakeOneRequest() {
        String email = signUp(browser);
        browser.eval("window.requests.length = 0");
        server.resetRequests();

        JsonNode results = browser.call("Promise.all([1, 2, 3, 4, 5].map(() => authClient.getSession()))");

        assertThat(results).hasSize(5);
        for (JsonNode r : results) {
            assertThat(r.at("/data/user/email").asText()).isEqualTo(email);
        }
        assertThat(browser.eval("requestCount('GET /api/auth/get-session')").asInt()).isEqualTo(1);
        assertThat(server.requests("GET", "/api/auth/get-session")).isEqualTo(1);

        browser.call("authClient.getSession()");
        assertThat(server.requests("GET", "/api/auth/get-session")).as("a later call asks again").isEqualTo(2);
    }

    @Test
    void getSessionSendsItsFlagsAsQueryParameters() {
        browser.call("Promise.all([authClient.getSession({disableRefresh: true}),"
                + " authClient.getSession({query: {disableCookieCache: true}})])");

        assertThat(browser.eval("urls")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "/api/auth/get-session?disableRefresh=true", "/api/auth/get-session?disableCookieCache=true");
    }

    @Test
    void sessionCookieIsHttpOnly() {
        signUp(browser);

        String visible = browser.eval("document.cookie").asText();

        assertThat(visible).doesNotContain("session_token");
        assertThat(browser.driver().manage().getCookies())
                .filteredOn(c -> c.getName().endsWith("session_token"))
                .singleElement()
                .satisfies(c -> assertThat(c.isHttpOnly()).isTrue());
    }

    @Test
    void listSessionsRevokeSessionAndSignOutAllRoundTrip() {
        String email = signUp(browser);
        try (Chromium laptop = Chromium.open()) {
            laptop.get(server.url("/client-test.html"));
            assertThat(laptop.call("authClient.signIn.email({email: '" + email + "', password: 'correct horse'})")
                    .get("error").isNull()).isTrue();
            String laptopSession = laptop.call("authClient.getSession()").at("/data/session/id").asText();

            JsonNode list = browser.call("authClient.listSessions()");
            assertThat(list.get("error").isNull()).as("%s", list).isTrue();
            assertThat(list.get("data")).hasSize(2);
            assertThat(list.get("data").findValuesAsText("token")).contains(laptopSession);

            JsonNode revoked = browser.call("authClient.revokeSession({token: '" + laptopSession + "'})");
            assertThat(revoked.at("/data/status").asBoolean()).as("%s", revoked).isTrue();
            assertThat(laptop.call("authClient.getSession()").get("data").isNull()).isTrue();
            assertThat(browser.call("authClient.listSessions()").get("data")).hasSize(1);
            assertThat(browser.call("authClient.getSession()").at("/data/user/email").asText()).isEqualTo(email);

            laptop.call("authClient.signIn.email({email: '" + email + "', password: 'correct horse'})");
            JsonNode all = browser.call("authClient.signOutAll()");
            assertThat(all.at("/data/status").asBoolean()).as("%s", all).isTrue();
            assertThat(browser.call("authClient.getSession()").get("data").isNull()).isTrue();
            assertThat(laptop.call("authClient.getSession()").get("data").isNull()).isTrue();

            JsonNode afterwards = browser.call("authClient.listSessions()");
            assertThat(afterwards.at("/error/status").asInt()).isEqualTo(401);
            assertThat(afterwards.at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void revokeOtherSessionsKeepsThisOne() {
        String email = signUp(browser);
        try (Chromium laptop = Chromium.open()) {
            laptop.get(server.url("/client-test.html"));
            laptop.call("authClient.signIn.email({email: '" + email + "', password: 'correct horse'})");

            JsonNode result = browser.call("authClient.revokeOtherSessions()");

            assertThat(result.at("/data/status").asBoolean()).as("%s", result).isTrue();
            assertThat(laptop.call("authClient.getSession()").get("data").isNull()).isTrue();
            assertThat(browser.call("authClient.getSession()").at("/data/user/email").asText()).isEqualTo(email);
        }
    }

    @Test
    void refreshSessionAnswersTheSessionAndUser() {
        String email = signUp(browser);

        JsonNode result = browser.call("authClient.refreshSession()");

        assertThat(result.get("error").isNull()).as("%s", result).isTrue();
        assertThat(result.at("/data/user/email").asText()).isEqualTo(email);
        assertThat(result.at("/data/session/expiresAt").asText()).isNotEmpty();
    }

    @Test
    void aRefusedFieldComesBackAsTheServersError() {
        JsonNode result = browser.call("authClient.signUp.email({name: 'Ada', email: 'not-an-email', password: 'correct horse'})");

        assertThat(result.at("/error/status").asInt()).isEqualTo(400);
        assertThat(result.at("/error/code").asText()).isEqualTo("INVALID_EMAIL");
    }

    @Test
    void unknownFieldsAreNotSent() {
        String email = uniqueEmail();
        JsonNode result = browser.call("authClient.signUp.email({name: 'Ada', email: '" + email
                + "', password: 'correct horse', fetchOptions: {}, somethingElse: 1})");

        assertThat(result.get("error").isNull()).as("%s", result).isTrue();
    }

    @Test
    void networkFailureResolvesToNetworkError() {
        JsonNode result = browser.call(
                "SessionAuthClient.createAuthClient({baseURL: 'http://127.0.0.1:9'}).getSession()");

        assertThat(result.has("thrown")).as("never rejects: %s", result).isFalse();
        assertThat(result.get("data").isNull()).isTrue();
        assertThat(result.at("/error/status").asInt()).isZero();
        assertThat(result.at("/error/code").asText()).isEqualTo("NETWORK_ERROR");
    }

    @Test
    void clientIsServedFromTheJarResourcesAndNeverPolls() {
        JsonNode served = browser.call("fetch('/sessionauth/client.js').then(r => r.text().then(t => "
                + "({status: r.status, type: r.headers.get('Content-Type'), text: t})))");

        assertThat(served.get("status").asInt()).isEqualTo(200);
        assertThat(served.get("type").asText()).contains("javascript");
        assertThat(served.get("text").asText()).doesNotContain("setInterval");
        assertThat(browser.eval("typeof SessionAuthClient.createAuthClient === 'function'"
                + " && typeof authClient.signIn.email === 'function'").asBoolean()).isTrue();
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs a new user up in this browser; returns the e-mail (the password is "correct horse"). */
    static String signUp(Chromium browser) {
        String email = uniqueEmail();
        JsonNode result = browser.call("authClient.signUp.email({name: 'Test User', email: '" + email
                + "', password: 'correct horse'})");
        assertThat(result.get("error").isNull()).as("sign-up: %s", result).isTrue();
        return email;
    }
}
