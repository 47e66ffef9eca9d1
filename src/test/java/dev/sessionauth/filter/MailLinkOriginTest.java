package dev.sessionauth.filter;

import dev.sessionauth.testing.RawClient;
import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.User;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.testing.TestServer;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Links mailed to users are built from {@code baseURL}, or from the request only when its origin is trusted
 * ({@code trustedOrigins}, or loopback for development): {@code Host: attacker.example} must never get a live
 * verification secret sent to the attacker's server.
 */
class MailLinkOriginTest {

    /** Records links in the order the engine's one background thread sends them. */
    private static final class Outbox implements VerificationSender {
        final BlockingQueue<String> links = new LinkedBlockingQueue<>();

        @Override
        public void send(User user, String link) {
            links.add(user.getEmail() + " " + link);
        }

        String next() throws InterruptedException {
            String sent = links.poll(30, TimeUnit.SECONDS);
            assertThat(sent).as("a link was sent").isNotNull();
            return sent;
        }
    }

    private static String signUp(TestServer server) {
        String email = "link-" + UUID.randomUUID() + "@example.com";
        assertThat(server.client().signUp("Lin", email, "plum tractor lantern").status()).isEqualTo(200);
        return email;
    }

    private static RawClient.Response requestLink(TestServer server, String email, String host) {
        return RawClient.postJson(server.port(), "/api/auth/send-verification-email", "{\"email\":\"" + email + "\"}",
                "Host", host);
    }

    @Test
    void anUntrustedHostGetsTheSameAnswerButNoLinkIsSent() throws InterruptedException {
        Outbox outbox = new Outbox();
        try (TestServer server = TestServer.builder().verificationSender(outbox).start()) {
            String victim = signUp(server);
            RawClient.Response r = requestLink(server, victim, "attacker.example");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("status").asBoolean()).isTrue();
            assertThat(server.count("SELECT COUNT(*) FROM sa_verification")).isZero();

            // Links leave in request order, so once this later one has arrived the refused one would have too.
            String marker = signUp(server);
            assertThat(requestLink(server, marker, "127.0.0.1:" + server.port()).status()).isEqualTo(200);
            String sent = outbox.next();
            assertThat(sent).startsWith(marker + " http://127.0.0.1:" + server.port() + "/api/auth/verify-email?token=");
            assertThat(outbox.links).isEmpty();
        }
    }

    @Test
    void withBaseUrlTheLinkPointsThereWhateverTheHostSays() throws InterruptedException {
        Outbox outbox = new Outbox();
        try (TestServer server = TestServer.builder().verificationSender(outbox)
                .set("baseURL", "https://app.example.com").start()) {
            String email = signUp(server);
            assertThat(requestLink(server, email, "attacker.example").status()).isEqualTo(200);
            assertThat(outbox.next()).startsWith(email + " https://app.example.com/api/auth/verify-email?token=");
        }
    }

    @Test
    void aTrustedOriginMayBeTheLinksOrigin() throws InterruptedException {
        Outbox outbox = new Outbox();
        try (TestServer server = TestServer.builder().verificationSender(outbox)
                .set("trustedOrigins", "http://mirror.example").start()) {
            String email = signUp(server);
            assertThat(requestLink(server, email, "mirror.example").status()).isEqualTo(200);
            assertThat(outbox.next()).startsWith(email + " http://mirror.example/api/auth/verify-email?token=");
        }
    }

    @Test
    void signUpFromAnUntrustedHostSendsNoLinkEither() throws InterruptedException {
        Outbox outbox = new Outbox();
        try (TestServer server = TestServer.builder().verificationSender(outbox)
                .set("emailVerification.sendOnSignUp", "true").start()) {
            String email = "host-" + UUID.randomUUID() + "@example.com";
            RawClient.Response r = RawClient.postJson(server.port(), "/api/auth/sign-up/email",
                    "{\"name\":\"Eve\",\"email\":\"" + email + "\",\"password\":\"plum tractor lantern\"}",
                    "Host", "attacker.example");
            assertThat(r.status()).isEqualTo(200);
            String marker = signUp(server);
            assertThat(outbox.next()).startsWith(marker + " ");
            assertThat(outbox.links).isEmpty();
        }
    }

    @Test
    void theJavaApiRefusesALinkBaseOnAnUntrustedOrigin() throws InterruptedException {
        Outbox outbox = new Outbox();
        try (TestServer server = TestServer.builder().verificationSender(outbox).start()) {
            String email = signUp(server);
            Engine auth = Engine.of(server.auth());
            auth.requestVerification(email, Optional.of(new LinkBase("http://attacker.example", "")), Optional.empty(),
                    ClientInfo.unknown());
            auth.requestVerification(email, Optional.of(new LinkBase("http://localhost:8080", "")), Optional.empty(),
                    ClientInfo.unknown());
            assertThat(outbox.next()).startsWith(email + " http://localhost:8080/api/auth/verify-email?token=");
            assertThat(outbox.links).isEmpty();
        }
    }
}
