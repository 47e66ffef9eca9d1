package dev.sessionauth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the servlet behind the filter sees of the request's user, through the standard servlet API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrappedRequestTest {
    private static final String COOKIE = "sessionauth.session_token";

    private TestServer server;
    private TestClient ada;
    private String adaId;
    private String adaToken;

    @BeforeAll
    void startServerAndSignIn() {
        server = TestServer.start("protected", "/app/**", "public", "/app/open/**");
        ada = server.client();
        TestClient.Reply up = ada.signUp("Ada Lovelace", "ada@example.com", "correct horse");
        assertThat(up.status()).isEqualTo(200);
        adaId = up.json().path("user").path("id").asText();
        adaToken = up.json().path("token").asText();
        assertThat(adaId).isNotEmpty();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app/x", "/app/open/x", "/unmatched"})
    void signedInRequestCarriesTheUserAsRemoteUserAndPrincipal(String path) {
        JsonNode seen = ada.get(path).json();
        assertThat(seen.path("signedIn").asBoolean()).isTrue();
        assertThat(seen.path("remoteUser").asText()).isEqualTo(adaId);
        // The servlet convention: the principal's name is the id, as getRemoteUser(); the display name is the User's.
        assertThat(seen.path("principal").asText()).isEqualTo(adaId);
        assertThat(seen.path("principalUserName").asText()).isEqualTo("Ada Lovelace");
        assertThat(seen.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(seen.path("expired").asBoolean()).isFalse();
        assertThat(seen.path("storeUnavailable").asBoolean()).isFalse();
    }

    @Test
    void noUserIsInTheAdminRoleWhileThereIsNoRoleField() {
        assertThat(ada.get("/app/x").json().path("isAdmin").asBoolean()).isFalse();
        assertThat(server.client().get("/unmatched").json().path("isAdmin").asBoolean()).isFalse();
    }

    @Test
    void signedInRequestHasANonEmptyCsrfTokenThatIsStableForTheSession() {
        String first = ada.get("/app/x").json().path("csrfToken").asText();
        String second = ada.get("/unmatched").json().path("csrfToken").asText();
        assertThat(first).isNotBlank().isEqualTo(second);
        assertThat(first).isNotEqualTo(adaToken).doesNotContain(adaToken);
        assertThat(ada.cookie(COOKIE).orElseThrow()).doesNotContain(first);
    }

    @Test
    void anotherSessionOfTheSameUserHasAnotherCsrfToken() {
        TestClient laptop = server.client();
        assertThat(laptop.signIn("ada@example.com", "correct horse").status()).isEqualTo(200);
        String onLaptop = laptop.get("/app/x").json().path("csrfToken").asText();
        assertThat(onLaptop).isNotBlank().isNotEqualTo(ada.get("/app/x").json().path("csrfToken").asText());
    }

    @Test
    void sessionSeenByTheAppIsTheOneGetSessionReports() {
        String sessionId = ada.get("/app/x").json().path("sessionId").asText();
        assertThat(sessionId).isNotEmpty()
                .isEqualTo(ada.getSession().json().path("session").path("id").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/app/open/x", "/unmatched", "/"})
    void anonymousRequestReachesTheAppWithNoUser(String path) {
        TestClient.Reply r = server.client().get(path);
        assertThat(r.status()).isEqualTo(200);
        JsonNode seen = r.json();
        assertThat(seen.has("signedIn")).as("the auth attribute is set on every request").isTrue();
        assertThat(seen.path("signedIn").asBoolean()).isFalse();
        assertThat(seen.path("remoteUser").isNull()).isTrue();
        assertThat(seen.path("principal").isNull()).isTrue();
        assertThat(seen.path("isAdmin").asBoolean()).isFalse();
        assertThat(seen.path("csrfToken").asText()).isEmpty();
        assertThat(seen.has("email")).isFalse();
        assertThat(seen.has("sessionId")).isFalse();
    }

    @Test
    void bearerTokenFromTheSignInBodySignsTheRequestIn() {
        TestClient cli = server.client().withoutOrigin();
        TestClient.Reply r = cli.get("/app/x", "Authorization", "Bearer " + adaToken);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("remoteUser").asText()).isEqualTo(adaId);
    }

    @Test
    void principalKeepsItsNameWhenTheUserRenamesAndItsUserFollows() {
        TestClient bob = server.client();
        TestClient.Reply up = bob.signUp("Bob", "bob@example.com", "correct horse");
        assertThat(up.status()).isEqualTo(200);
        String bobId = up.json().path("user").path("id").asText();
        assertThat(bob.post("/api/auth/update-user", "{\"name\":\"Robert\"}").status()).isEqualTo(200);
        JsonNode seen = bob.get("/app/x").json();
        assertThat(seen.path("principal").asText()).isEqualTo(bobId).isEqualTo(seen.path("remoteUser").asText());
        assertThat(seen.path("principalUserName").asText()).isEqualTo("Robert");
    }
}
