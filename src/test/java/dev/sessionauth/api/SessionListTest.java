package dev.sessionauth.api;

import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.api.Api.assertSessionShape;
import static dev.sessionauth.testing.Accounts.LIST_SESSIONS;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.api.Api.Signed;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /list-sessions: the caller's own live sessions, newest first, with handles instead of tokens. */
class SessionListTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start();

    private static List<String> ids(Reply list) {
        List<String> ids = new ArrayList<>();
        list.json().forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    @Test
    void listSessionsShowsEverySessionOfTheCallerWithHandlesNotTokens() {
        SignedInUser account = Accounts.signUp(server.get(), "list");
        Signed laptop = Api.signIn(server.get(), account);
        Signed phone = Api.signIn(server.get(), account);

        Reply list = account.browser().get(LIST_SESSIONS);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertNoStore(list);
        Api.assertJson(list);
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json()).hasSize(3);
        for (JsonNode session : list.json()) {
            assertSessionShape(session);
            assertThat(session.path("userId").asText()).isEqualTo(account.userId());
        }
        // No bearer secret leaks: neither raw tokens nor the signed cookie values.
        for (String token : List.of(account.token(), laptop.token(), phone.token())) {
            assertThat(list.body()).doesNotContain(token);
        }
        assertThat(list.body()).doesNotContain(account.cookie());
    }

    @Test
    void aListedHandleIsNotACredential() {
        SignedInUser account = Accounts.signUp(server.get(), "handle");
        String handle = account.browser().get(LIST_SESSIONS).json().get(0).path("token").asText();
        assertThat(Api.bearer(server.get(), handle).getSession().body()).isEqualTo("null");
        TestClient thief = server.client();
        thief.putCookie(Accounts.TOKEN_COOKIE, handle);
        assertThat(thief.getSession().body()).isEqualTo("null");
    }

    @Test
    void listSessionsShowsOnlyTheCallersSessions() {
        SignedInUser alice = Accounts.signUp(server.get(), "alice");
        SignedInUser bob = Accounts.signUp(server.get(), "bob");
        Api.signIn(server.get(), bob);

        Reply aliceList = alice.browser().get(LIST_SESSIONS);
        assertThat(aliceList.json()).hasSize(1);
        assertThat(aliceList.json().get(0).path("userId").asText()).isEqualTo(alice.userId());
        Reply bobList = bob.browser().get(LIST_SESSIONS);
        assertThat(bobList.json()).hasSize(2);
        assertThat(bobList.json()).allMatch(s -> s.path("userId").asText().equals(bob.userId()));
    }

    @Test
    void theCurrentSessionIsInTheListAndNewestComesFirst() {
        SignedInUser account = Accounts.signUp(server.get(), "order");
        String signUpSession = account.browser().getSession().json().path("session").path("id").asText();
        Signed later = Api.signIn(server.get(), account);
        String laterSession = later.browser().getSession().json().path("session").path("id").asText();

        List<String> ids = ids(account.browser().get(LIST_SESSIONS));
        assertThat(ids).containsExactlyInAnyOrder(signUpSession, laterSession);
        Reply list = account.browser().get(LIST_SESSIONS);
        Instant first = Instant.parse(list.json().get(0).path("createdAt").asText());
        Instant second = Instant.parse(list.json().get(1).path("createdAt").asText());
        assertThat(first).isAfterOrEqualTo(second);
    }

    @Test
    void aSignedOutSessionDisappearsFromTheList() {
        SignedInUser account = Accounts.signUp(server.get(), "vanish");
        Signed other = Api.signIn(server.get(), account);
        other.browser().post(Accounts.SIGN_OUT, "{}");
        assertThat(account.browser().get(LIST_SESSIONS).json()).hasSize(1);
    }

    @Test
    void listSessionsWithoutASessionIs401() {
        assertError(server.client().get(LIST_SESSIONS), 401, "UNAUTHORIZED");
    }

    @Test
    void listSessionsWorksForABearerClient() {
        SignedInUser account = Accounts.signUp(server.get(), "bearerlist");
        Reply list = Api.bearer(server.get(), account.token()).get(LIST_SESSIONS);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.body()).doesNotContain(account.token());
    }

    @Test
    void postIsNotAllowedOnListSessions() {
        SignedInUser account = Accounts.signUp(server.get(), "postlist");
        Reply r = account.browser().post(LIST_SESSIONS, "{}");
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).hasValue("GET");
    }

    @Test
    void expiredSessionsAreNotListed() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
        try (TestServer timed = TestServer.builder().clock(clock).start()) {
            SignedInUser account = Accounts.signUp(timed, "expiring");
            TestClient brief = timed.client();
            Reply in = brief.post(Accounts.SIGN_IN, json("email", account.email(), "password", account.password(),
                    "rememberMe", false));
            assertThat(in.status()).isEqualTo(200);
            assertThat(account.browser().get(LIST_SESSIONS).json()).hasSize(2);

            clock.advance(Duration.ofDays(2));
            Reply list = account.browser().get(LIST_SESSIONS);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json()).hasSize(1);
            assertThat(list.json().get(0).path("id").asText())
                    .isEqualTo(account.browser().getSession().json().path("session").path("id").asText());
        }
    }
}
