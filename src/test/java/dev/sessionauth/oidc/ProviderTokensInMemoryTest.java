package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.location;
import static dev.sessionauth.oidc.SocialIdp.IDP;
import static dev.sessionauth.testing.Accounts.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's tokens with the in-memory stores (no data source): kept in the social feature's own memory and
 * served, refreshed and unlinked as with a database.
 */
class ProviderTokensInMemoryTest {
    private static SocialIdp idp;
    private static TestServer server;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        server = TestServer.builder().memoryStores().settings(idp.bothProviders()).start();
        SocialTests.awaitProviders(server, IDP);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.close();
    }

    @Test
    void withoutADatabaseTheTokensAreKeptServedAndRefreshed() {
        String subject = "mem-" + UUID.randomUUID();
        idp.nextUser(subject, Accounts.uniqueEmail("memory"), true);
        SocialBrowser browser = new SocialBrowser(server.client(), idp);
        assertThat(location(browser.signIn(IDP, "callbackURL", "/dashboard"))).isEqualTo("/dashboard");
        TestClient client = browser.client();

        Reply first = client.post("/api/auth/get-access-token", Accounts.json("providerId", IDP));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Reply refreshed = client.post("/api/auth/refresh-token", Accounts.json("providerId", IDP));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        JsonNode after = client.post("/api/auth/get-access-token", Accounts.json("providerId", IDP)).json();

        assertThat(refreshed.json().path("accessToken").asText()).isNotEqualTo(first.json().path("accessToken").asText());
        assertThat(after.path("accessToken").asText()).isEqualTo(refreshed.json().path("accessToken").asText());
        assertError(client.post("/api/auth/get-access-token", Accounts.json("providerId", "nowhere")), 400,
                "PROVIDER_NOT_SUPPORTED");
    }
}
