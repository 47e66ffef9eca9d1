package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.STATE_COOKIE;
import static dev.sessionauth.oidc.SocialBrowser.location;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.AuthException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java API ({@link SocialSignIn}, found with {@code SessionAuth.feature}): an app's own servlet starts a sign-in
 * and redirects to the provider, the browser comes back through the same callback, and the app reads the providers
 * and the user's linked accounts.
 */
class SocialJavaApiTest {
    private static SocialIdp idp;
    private static TestServer server;

    /** The app's own "sign in with" link: {@code /go?provider=<id>&then=<callback>}. */
    static final class StartServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            SocialSignIn social = SessionAuth.of(request).feature(SocialSignIn.class).orElseThrow();
            try {
                URI provider = social.startSignIn(request, response, request.getParameter("provider"),
                        request.getParameter("then"));
                response.sendRedirect(provider.toString());
            } catch (AuthException e) {
                response.sendError(e.code().status(), e.code().name());
            }
        }
    }

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        server = TestServer.builder().settings(idp.bothProviders()).servlet(new StartServlet(), "/go").start();
        SocialTests.awaitProviders(server, SocialIdp.IDP);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.close();
    }

    @Test
    void anAppsOwnServletStartsASignInThatComesBackSignedIn() {
        String subject = "java-" + UUID.randomUUID();
        idp.nextUser(subject, Accounts.uniqueEmail("java"), true);
        TestClient client = server.client();

        Reply go = client.get("/go?provider=" + SocialIdp.IDP + "&then=/home");

        assertThat(location(go)).startsWith(idp.issuer(SocialIdp.IDP) + "/authorize?");
        assertThat(client.cookie(STATE_COOKIE)).isPresent();
        Reply back = new SocialBrowser(client, idp).callback(idp.authorize(URI.create(location(go))));
        assertThat(location(back)).isEqualTo("/home");
        String userId = client.get(GET_SESSION).json().path("user").path("id").asText();

        SocialSignIn social = server.auth().feature(SocialSignIn.class).orElseThrow();
        assertThat(social.providers()).extracting(SocialProvider::id).containsExactly(SocialIdp.IDP, SocialIdp.FORGE);
        assertThat(social.signInPath()).isEqualTo("/api/auth/sign-in/social");
        List<LinkedAccount> accounts = social.accounts(userId);
        assertThat(accounts).extracting(LinkedAccount::accountId).containsExactly(subject);
        assertThat(accounts.get(0).issuer()).contains(idp.issuer(SocialIdp.IDP));
    }

    @Test
    void theJavaApiRefusesWhatTheHttpApiRefuses() {
        TestClient client = server.client();

        assertThat(client.get("/go?provider=nowhere&then=/home").status()).isEqualTo(404);
        assertThat(client.get("/go?provider=idp&then=https://evil.example/").status()).isEqualTo(403);
        assertThat(client.cookie(STATE_COOKIE)).isEmpty();
    }
}
