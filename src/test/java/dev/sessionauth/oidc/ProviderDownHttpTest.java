package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

/**
 * A provider that cannot be reached when the app starts: the app starts anyway, answers 503
 * {@code SERVICE_UNAVAILABLE} (no stack trace) for that provider only, keeps loading its discovery document in the
 * background, and signs in with it once it is up.
 */
class ProviderDownHttpTest {

    @Test
    void aProviderThatIsDownAnswers503UntilItComesUpThenSignsIn() throws Exception {
        int port = freePort();
        String issuer = "http://localhost:" + port + "/late";
        try (SocialIdp idp = SocialIdp.start();
             TestServer server = TestServer.start(idp.bothProviders("socialProviders", "idp, forge, late",
                     "socialProviders.late.clientId", SocialIdp.CLIENT_ID,
                     "socialProviders.late.clientSecret", SocialIdp.CLIENT_SECRET,
                     "socialProviders.late.issuer", issuer))) {
            SocialTests.awaitProviders(server, SocialIdp.IDP);

            Reply down = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body("late"));
            Reply other = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(SocialIdp.IDP));

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(down.body()).doesNotContain("Exception", "localhost:" + port);
            assertThat(other.status()).isEqualTo(200);

            MockOAuth2Server late = new MockOAuth2Server();
            late.start(port);
            try {
                Reply up = awaitNot503(server);
                assertThat(up.status()).as(up.body()).isEqualTo(200);
                assertThat(up.json().path("url").asText()).startsWith(issuer + "/authorize?");
                // The whole way through, against the provider that came up late.
                late.enqueueCallback(new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback("late",
                        "late-" + UUID.randomUUID(), "JWT", null, SocialIdp.claims(Accounts.uniqueEmail("late"), true,
                        "Late"), 3600));
                SocialBrowser browser = new SocialBrowser(server.client(), idp);
                assertThat(location(browser.callback(idp.authorize(SocialBrowser.url(
                        browser.start("late", "callbackURL", "/dashboard")))))).isEqualTo("/dashboard");
            } finally {
                late.shutdown();
            }
        }
    }

    private static Reply awaitNot503(TestServer server) {
        // Retried in the background after 1 s, 2 s, 4 s…: a minute covers several tries.
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            Reply reply = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body("late", "disableRedirect", true));
            if (reply.status() != 503 || Instant.now().isAfter(giveUp)) {
                return server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body("late"));
            }
            SocialTests.pause();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
