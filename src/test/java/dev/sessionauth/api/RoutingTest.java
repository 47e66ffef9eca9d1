package dev.sessionauth.api;

import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which endpoints exist, for which methods, and what every answer carries (no-store, JSON errors). */
class RoutingTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start();
    private static SignedInUser account;

    @BeforeAll
    static void start() {
        account = Accounts.signUp(server.get(), "routing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/nope", "/api/auth", "/api/auth/", "/api/auth/sign-in", "/api/auth/sign-up",
            "/api/auth/sign-in/email/extra", "/api/auth/SIGN-OUT", "/api/auth/get-session/x", "/api/auth/sign-in/social",
            "/api/auth/get-sessions"})
    void anUnknownEndpointIs404(String path) {
        assertError(server.client().get(path), 404, "NOT_FOUND");
        assertError(server.client().post(path, "{}"), 404, "NOT_FOUND");
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/auth/sign-up/email, POST",
            "GET, /api/auth/sign-in/email, POST",
            "PUT, /api/auth/sign-in/email, POST",
            "DELETE, /api/auth/sign-out, POST",
            "GET, /api/auth/revoke-session, POST",
            "GET, /api/auth/revoke-sessions, POST",
            "GET, /api/auth/revoke-other-sessions, POST",
            "GET, /api/auth/update-session, POST",
            "GET, /api/auth/refresh-session, POST",
            "PATCH, /api/auth/update-user, POST",
            "POST, /api/auth/get-session, GET",
            "DELETE, /api/auth/list-sessions, GET",
            "PUT, /api/auth/get-session, GET"})
    void aWrongMethodIs405WithAllow(String method, String path, String allow) {
        Reply r = server.client().request(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}",
                "Content-Type", "application/json");
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).hasValue(allow);
    }

    @Test
    void aWrongMethodDoesNothing() {
        SignedInUser victim = Accounts.signUp(server.get(), "wrongmethod");
        Reply r = victim.browser().request("DELETE", Accounts.SIGN_OUT, null);
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(Api.isLive(server.get(), victim.token())).isTrue();
        assertThat(victim.browser().get(Api.REVOKE_SESSIONS).status()).isEqualTo(405);
        assertThat(Api.isLive(server.get(), victim.token())).isTrue();
    }

    @Test
    void normalizedPathsReachTheSameEndpoint() {
        Reply dotted = account.browser().get("/api/auth/./get-session");
        assertThat(dotted.status()).isEqualTo(200);
        assertThat(dotted.json().path("user").path("id").asText()).isEqualTo(account.userId());
        Reply doubled = account.browser().get("/api//auth/get-session");
        assertThat(doubled.json().path("user").path("id").asText()).isEqualTo(account.userId());
    }

    @Test
    void theApiIsOnlyUnderItsBasePath() {
        Reply r = server.client().get("/api/authx/get-session");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("path").asText()).isEqualTo("/api/authx/get-session"); // the app's echo servlet
    }

    @Test
    void everyAnswerOfTheApiIsNoStore() {
        TestClient anonymous = server.client();
        TestClient browser = account.browser();
        String otherEmail = Accounts.uniqueEmail("nostore");
        List<Reply> replies = new ArrayList<>();
        replies.add(anonymous.getSession());
        replies.add(browser.getSession());
        replies.add(browser.get(Accounts.LIST_SESSIONS));
        replies.add(anonymous.get(Accounts.LIST_SESSIONS));
        replies.add(browser.post(Accounts.UPDATE_SESSION, "{}"));
        replies.add(browser.post(Api.REFRESH_SESSION, "{}"));
        replies.add(browser.post(Accounts.UPDATE_USER, json("name", "Routing")));
        replies.add(browser.post(Api.REVOKE_SESSION, json("token", "unknown")));
        replies.add(browser.post(Api.REVOKE_OTHER_SESSIONS, "{}"));
        replies.add(anonymous.signIn(account.email(), "wrong password"));
        replies.add(anonymous.post(Accounts.SIGN_IN, "{"));
        replies.add(anonymous.post(Accounts.SIGN_IN, "{}", "Content-Type", "text/plain"));
        replies.add(anonymous.get("/api/auth/nope"));
        replies.add(anonymous.get(Accounts.SIGN_OUT));
        replies.add(browser.post(Accounts.SIGN_OUT, "{}", "Origin", "https://evil.example"));
        replies.add(anonymous.postForm(Accounts.SIGN_IN, Accounts.form("email", account.email(), "password", "x",
                "errorCallbackURL", "/login")));
        replies.add(server.client().signUp("New", otherEmail, Accounts.PASSWORD));
        replies.add(server.client().postForm(Accounts.SIGN_IN,
                Accounts.form("email", otherEmail, "password", Accounts.PASSWORD,
                "callbackURL", "/home")));
        replies.add(server.client().post(Accounts.SIGN_OUT, "{}"));
        for (Reply r : replies) {
            assertNoStore(r);
            assertThat(r.status()).as(r.body()).isLessThan(500);
        }
    }

    @Test
    void errorsNeverLeakInternals() {
        Map<String, String> bodies = Map.of(
                Accounts.SIGN_IN, "{\"email\":{\"$ne\":null},\"password\":{\"$gt\":\"\"}}",
                Accounts.SIGN_UP, "{\"name\":\"x\",\"email\":\"' OR 1=1 --@example.com\",\"password\":\"12345678\"}",
                Api.REVOKE_SESSION, "{\"token\":\"' OR '1'='1\"}");
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            Reply r = account.browser().post(e.getKey(), e.getValue());
            assertThat(r.status()).as(e.getKey() + ": " + r.body()).isLessThan(500);
            Api.assertNoStackTrace(r);
            assertThat(r.body()).doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("jdbc");
        }
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }
}
