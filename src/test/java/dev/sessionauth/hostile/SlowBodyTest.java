package dev.sessionauth.hostile;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Request bodies sent a byte at a time, on real sockets, against Jetty and Tomcat: they cannot take the app down. Each
 * body has a deadline and a minimum rate (408, connection closed), one address may have only
 * {@code request.maxConcurrentBodies} unfinished (429 before a byte is read), and where the filter is asynchronous
 * (the README's web.xml) a body being read holds no thread, so more slow bodies than the container has threads leave
 * a public page and another client's sign-in answering.
 */
@ParameterizedClass
@EnumSource(SlowBodyTest.Deployment.class)
class SlowBodyTest {
    /** How the filter is deployed. */
    enum Deployment {
        JETTY, TOMCAT, JETTY_WITHOUT_ASYNC;

        TestServer.Builder builder() {
            TestServer.Builder b = TestServer.builder();
            return switch (this) {
                case JETTY -> b;
                case TOMCAT -> b.tomcat();
                case JETTY_WITHOUT_ASYNC -> b.synchronousFilter();
            };
        }

        boolean async() {
            return this != JETTY_WITHOUT_ASYNC;
        }
    }

    /** More than the 200 threads either container has by default. */
    private static final int MANY = 260;

    @Parameter
    Deployment deployment;

    private static String[] addresses(int count) {
        return IntStream.rangeClosed(2, count + 1).mapToObj(i -> "127.0.0." + i).toArray(String[]::new);
    }

    private static void assertTheAppAnswers(TestServer server, SignedInUser other) {
        TestClient.Reply page = server.client().get("/status");
        assertThat(page.status()).as("a public page while the slow bodies are open").isEqualTo(200);
        TestClient.Reply signIn = server.client().signIn(other.email(), PASSWORD);
        assertThat(signIn.status()).as("another client's sign-in while the slow bodies are open: " + signIn.body())
                .isEqualTo(200);
    }

    @Test
    void oneAddressGetsAtMostItsShareOfUnfinishedBodiesAndTheRestAreRefusedUnread() throws Exception {
        try (TestServer server = deployment.builder().set("request.bodyTimeout", "60s").start()) {
            SignedInUser other = Accounts.signUp(server, "other");
            try (SlowClients slow = SlowClients.open(server.port(), SIGN_IN, 4000, MANY, "127.0.0.2")) {
                assertThat(slow.awaitAtMostWaiting(20, 30)).as("at most 20 bodies of one address being read, "
                        + slow.waiting() + " waiting").isTrue();
                assertThat(slow.answered(429)).isGreaterThanOrEqualTo(MANY - 20);
                assertTheAppAnswers(server, other);
            }
        }
    }

    @Test
    void moreSlowBodiesThanThreadsFromManyAddressesLeaveTheAppAnswering() throws Exception {
        // Read on the request's thread, 260 bodies would take every thread: there the cap per address is the defence.
        assumeTrue(deployment.async(), "bodies are read without a thread only where the filter is asynchronous");
        try (TestServer server = deployment.builder().set("request.bodyTimeout", "60s").start()) {
            SignedInUser other = Accounts.signUp(server, "other");
            try (SlowClients slow = SlowClients.open(server.port(), SIGN_IN, 4000, MANY, addresses(13))) {
                Thread.sleep(500);
                assertThat(slow.waiting()).as("every body is still being read, none refused").isEqualTo(MANY);
                assertTheAppAnswers(server, other);
                assertTheAppAnswers(server, other);
            }
        }
    }

    @Test
    void aBodyThatTrickles408sAndItsConnectionCloses() throws Exception {
        // The default deadline (10 s) is not reached: one byte a second is far below the minimum rate.
        try (TestServer server = deployment.builder().start();
             SlowClients slow = SlowClients.open(server.port(), SIGN_IN, 4000, 5, "127.0.0.2")) {
            assertThat(slow.awaitAtMostWaiting(0, 20)).as(slow.waiting() + " still waiting").isTrue();
            assertThat(slow.answered(408)).isEqualTo(5);
        }
    }

    @Test
    void aBodyPastTheDeadline408sEvenAtAnHonestRate() throws Exception {
        try (TestServer server = deployment.builder().set("request.bodyTimeout", "1s").start();
             SlowClients slow = SlowClients.open(server.port(), SIGN_IN, 4000, 3, "127.0.0.2")) {
            assertThat(slow.awaitAtMostWaiting(0, 20)).as(slow.waiting() + " still waiting").isTrue();
            assertThat(slow.answered(408)).isEqualTo(3);
        }
    }

    @Test
    void aThrottledRequestIsAnsweredWithoutWaitingForItsBody() throws Exception {
        try (TestServer server = deployment.builder().set("rateLimit.max", "1").set("request.bodyTimeout", "60s")
                .start()) {
            assertThat(server.client().get("/api/auth/get-session").status()).isEqualTo(200);
            try (SlowClients slow = SlowClients.open(server.port(), SIGN_IN, 4000, 3, "127.0.0.1")) {
                assertThat(slow.awaitAtMostWaiting(0, 20)).as(slow.waiting() + " still waiting").isTrue();
                assertThat(slow.answered(429)).isEqualTo(3);
            }
        }
    }
}
