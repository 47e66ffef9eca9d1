package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.STATE_COOKIE;
import static dev.sessionauth.oidc.SocialBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SharedPostgres;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Social sign-in on two instances over one PostgreSQL, as behind a load balancer with one public {@code baseURL}: a
 * sign-in started on one instance comes back through the other and is signed in there, once; nothing of it lives in
 * one instance's memory (the state is a cookie sealed with the shared secret and a row in the shared database).
 */
class SocialTwoInstancesTest {
    private static SocialIdp idp;
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        SharedPostgres.Database db = SharedPostgres.newDatabase("social");
        a = TestServer.builder().dataSource(db.dataSource(), db.jdbcUrl()).settings(idp.bothProviders()).start();
        // B answers for A's public address, as every instance behind one name does: the same redirect URI.
        b = TestServer.builder().dataSource(db.dataSource(), db.jdbcUrl()).settings(idp.bothProviders())
                .set("baseURL", a.origin()).start();
        SocialTests.awaitProviders(a, SocialIdp.IDP);
        SocialTests.awaitProviders(b, SocialIdp.IDP);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        idp.close();
    }

    /** A browser on {@code to} holding the cookies of {@code from} (the load balancer sent it elsewhere). */
    private static TestClient carrying(TestClient from, TestServer to, String... cookies) {
        TestClient on = to.client();
        for (String name : cookies) {
            from.cookie(name).ifPresent(v -> on.putCookie(name, v));
        }
        return on;
    }

    @Test
    void aSignInStartedOnOneInstanceComesBackThroughTheOtherOnce() {
        String subject = "multi-" + UUID.randomUUID();
        String email = Accounts.uniqueEmail("multi");
        idp.nextUser(subject, email, true);
        SocialBrowser onA = new SocialBrowser(a.client(), idp);
        URI callback = onA.authorize(onA.start(SocialIdp.IDP, "callbackURL", "/home"));
        TestClient onB = carrying(onA.client(), b, STATE_COOKIE);

        Reply back = new SocialBrowser(onB, idp).callback(callback);

        assertThat(location(back)).isEqualTo("/home");
        assertThat(onB.cookie(Accounts.TOKEN_COOKIE)).isPresent();
        TestClient sessionOnA = carrying(onB, a, Accounts.TOKEN_COOKIE);
        assertThat(sessionOnA.get("/api/auth/get-session").json().path("user").path("email").asText())
                .as("the session made on B is known to A").isEqualTo(email);
        TestClient replayOnA = carrying(onA.client(), a, STATE_COOKIE);
        Reply replayed = new SocialBrowser(replayOnA, idp).callback(callback);
        assertThat(location(replayed)).as("the state was used up on B").contains("error=");
        assertThat(replayOnA.cookie(Accounts.TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void theProvidersTokensKeptOnOneInstanceAreServedAndRefreshedOnTheOtherAndStoredEncrypted() {
        String subject = "multi-" + UUID.randomUUID();
        idp.nextUser(subject, Accounts.uniqueEmail("multi-tokens"), true);
        SocialBrowser onA = new SocialBrowser(a.client(), idp);
        assertThat(location(onA.signIn(SocialIdp.IDP, "callbackURL", "/home"))).isEqualTo("/home");
        String onAToken = onA.client().post("/api/auth/get-access-token", Accounts.json("providerId", SocialIdp.IDP))
                .json().path("accessToken").asText();
        // B answers for A's public address: the browser's requests come from A's origin.
        TestClient onB = carrying(onA.client(), b, Accounts.TOKEN_COOKIE).header("Origin", a.origin());

        Reply servedOnB = onB.post("/api/auth/get-access-token", Accounts.json("providerId", SocialIdp.IDP));
        Reply refreshedOnB = onB.post("/api/auth/refresh-token", Accounts.json("providerId", SocialIdp.IDP));

        assertThat(servedOnB.json().path("accessToken").asText()).as(servedOnB.body()).isNotEmpty().isEqualTo(onAToken);
        assertThat(refreshedOnB.status()).as(refreshedOnB.body()).isEqualTo(200);
        String refreshed = refreshedOnB.json().path("accessToken").asText();
        assertThat(refreshed).isNotEqualTo(onAToken);
        assertThat(onA.client().post("/api/auth/get-access-token", Accounts.json("providerId", SocialIdp.IDP)).json()
                .path("accessToken").asText()).isEqualTo(refreshed);
        assertThat(a.count("SELECT COUNT(*) FROM sa_social_token t JOIN sa_account c ON c.id = t.account_id"
                + " WHERE c.account_id = ? AND t.access_token IS NOT NULL AND t.access_token <> ?", subject, refreshed))
                .isEqualTo(1);
        assertThat(a.count("SELECT COUNT(*) FROM sa_social_token WHERE access_token LIKE ?",
                refreshed.substring(0, 24) + "%")).isZero();
    }
}
