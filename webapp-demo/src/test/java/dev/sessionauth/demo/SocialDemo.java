package dev.sessionauth.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The demo as {@code SESSIONAUTH_DEMO_OIDC=dev} starts it: with its development OpenID provider as "local". */
final class SocialDemo {
    private SocialDemo() {
    }

    /**
     * Starts the demo with the development provider switched on (the switch is read once, as it starts), and returns
     * once the provider's discovery document has loaded (in the background: until then sign-in answers 503).
     */
    static DemoServer start() throws Exception {
        System.setProperty("demo.oidc", "dev");
        DemoServer demo;
        try {
            demo = DemoServer.start();
        } finally {
            System.clearProperty("demo.oidc");
        }
        HttpClient client = HttpClient.newHttpClient();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (client.send(HttpRequest.newBuilder(URI.create(demo.url("/api/auth/sign-in/social")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"local\",\"disableRedirect\":true}"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 503) {
            if (Instant.now().isAfter(giveUp)) {
                demo.close();
                throw new AssertionError("the development provider's discovery document did not load");
            }
            Thread.sleep(50);
        }
        return demo;
    }
}
