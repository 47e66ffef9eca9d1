package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.location;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A social sign-in whose user a gate stops for a second step (the test classpath's probe feature asks users whose
 * address starts with {@code second@}): the callback makes no session, keeps the gate's pending cookie, and sends
 * the browser to the step's page with the callback URL carried, or, when the gate names no page, back to the error
 * callback with {@code error=second_step_required}.
 */
class SecondStepAtCallbackTest {
    private static SocialIdp idp;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static Reply signInStoppedByTheGate(TestServer server) {
        SocialTests.awaitProviders(server, SocialIdp.IDP);
        idp.nextUser("sub-" + UUID.randomUUID(), "second@" + UUID.randomUUID() + ".example.com", true);
        return new SocialBrowser(server.client(), idp).signIn(SocialIdp.IDP, "callbackURL", "/dashboard",
                "errorCallbackURL", "/login");
    }

    @Test
    void theBrowserGoesOnToTheSecondStepsPageWithItsCallbackAndNoSession() {
        try (TestServer server = TestServer.start(idp.bothProviders("probe.enabled", "true",
                "probe.page", "/second-step"))) {
            Reply back = signInStoppedByTheGate(server);

            assertThat(location(back)).isEqualTo("/second-step?callbackURL=%2Fdashboard");
            assertThat(back.setCookie(TOKEN_COOKIE)).isEmpty();
            assertThat(back.setCookie("sessionauth.probe_pending")).isPresent();
            assertThat(server.count("SELECT COUNT(*) FROM sa_session")).isZero();
        }
    }

    @Test
    void withoutAPageTheBrowserGoesBackToTheErrorCallbackStillHoldingThePendingStep() {
        try (TestServer server = TestServer.start(idp.bothProviders("probe.enabled", "true"))) {
            Reply back = signInStoppedByTheGate(server);

            assertThat(location(back)).isEqualTo("/login?error=second_step_required");
            assertThat(back.setCookie(TOKEN_COOKIE)).isEmpty();
            assertThat(back.setCookie("sessionauth.probe_pending")).isPresent();
            assertThat(server.client().get(GET_SESSION).body()).isEqualTo("null");
        }
    }
}
