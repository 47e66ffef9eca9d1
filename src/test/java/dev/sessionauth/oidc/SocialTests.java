package dev.sessionauth.oidc;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.time.Instant;

/** What the social sign-in tests share: waiting until a server's providers have loaded their discovery. */
final class SocialTests {
    private SocialTests() {
    }

    /**
     * Returns once each provider answers {@code /sign-in/social} with anything but 503 (its discovery document loads
     * in the background after start-up); fails after a minute, which only a broken provider takes.
     */
    static void awaitProviders(TestServer server, String... providerIds) {
        TestClient client = server.client();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        for (String id : providerIds) {
            while (client.post(SocialIdp.SIGN_IN, SocialBrowser.body(id, "disableRedirect", true)).status() == 503) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new AssertionError("provider " + id + " did not load its discovery document");
                }
                pause();
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
