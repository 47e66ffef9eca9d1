package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.verification.Links.assertStatusTrue;
import static dev.sessionauth.verification.Links.requestLink;
import static dev.sessionauth.verification.Links.signUp;
import static dev.sessionauth.verification.Links.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.User;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.testing.TestServer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The pluggable {@link VerificationSender}: given in code or by class name, the logging default, and a failing
 * sender, which must not change any answer of the API.
 */
class VerificationSenderTest {
    private static final long TIMEOUT_SECONDS = 30;

    private static <T> T poll(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(value).as(what).isNotNull();
        return value;
    }

    /** Collects the messages of one JUL logger (System.Logger's default backend). */
    static final class Capture extends Handler implements AutoCloseable {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final Logger logger;

        Capture(String name) {
            logger = Logger.getLogger(name);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            messages.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        /** The next message containing {@code part}. */
        String next(String part) throws InterruptedException {
            while (true) {
                String m = poll(messages, "a log message containing " + part);
                if (m.contains(part)) {
                    return m;
                }
            }
        }
    }

    @Test
    void withoutASenderTheServerLogsTheLink() throws Exception {
        // The default is now the mail sender's logging default (engine.LoggingMailSender), for every kind of mail.
        try (Capture log = new Capture("dev.sessionauth.engine.LoggingMailSender");
             TestServer server = TestServer.builder().set("emailVerification.required", "true").start()) {
            String email = uniqueEmail("logged");
            String userId = signUp(server.client(), email).json().path("user").path("id").asText();
            String message = log.next(userId);
            String token = Links.token(message);
            assertThat(verify(server.client(), token).status()).isEqualTo(200);
        }
    }

    @Test
    void aSenderNamedByClassInInitParamsIsUsed() throws Exception {
        try (TestServer server = TestServer.builder().viaInitParams().set("emailVerification.required", "true")
                .set("emailVerification.sender", StaticQueueSender.class.getName()).start()) {
            String email = uniqueEmail("byname");
            signUp(server.client(), email);
            String sent;
            do {
                sent = poll(StaticQueueSender.SENT, "a link for " + email);
            } while (!sent.startsWith(email + " "));
            assertThat(verify(server.client(), Links.token(sent)).status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownSenderClassStopsStartUpNamingTheSetting() {
        SessionAuthBuilder b = SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", TestServer.SECRET)
                .set("jdbc.url", "jdbc:h2:mem:sender-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .set("emailVerification.sender", "com.example.NoSuchSender");
        assertThatThrownBy(b::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("emailVerification.sender").hasMessageContaining("com.example.NoSuchSender");
    }

    @Test
    void aClassThatIsNotASenderStopsStartUp() {
        SessionAuthBuilder b = SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", TestServer.SECRET)
                .set("jdbc.url", "jdbc:h2:mem:sender-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .set("emailVerification.sender", "java.lang.String");
        assertThatThrownBy(b::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("emailVerification.sender");
    }

    @Test
    void aFailingSenderChangesNoAnswer() throws Exception {
        BlockingQueue<String> attempts = new LinkedBlockingQueue<>();
        VerificationSender broken = (user, link) -> {
            attempts.add(user.getEmail() + " " + link);
            throw new IllegalStateException("SMTP is down");
        };
        try (TestServer server = TestServer.builder().set("emailVerification.required", "true")
                .verificationSender(broken).start()) {
            String email = uniqueEmail("smtpdown");
            assertThat(signUp(server.client(), email).json().path("token").isNull()).isTrue();
            assertThat(poll(attempts, "the sign-up attempt")).startsWith(email);

            assertStatusTrue(requestLink(server.client(), email));
            String second = poll(attempts, "the requested attempt");
            Links.assertError(Links.signIn(server.client(), email), 403, "EMAIL_NOT_VERIFIED");
            poll(attempts, "the sign-in attempt");

            // The sender failed, but a link it was given is still a valid one (a retry by hand would work).
            assertThat(Links.secrets(server, email)).isOne();
            assertThat(verify(server.client(), Links.token(second)).status())
                    .as("a newer link replaced it").isEqualTo(401);
        }
    }
}
