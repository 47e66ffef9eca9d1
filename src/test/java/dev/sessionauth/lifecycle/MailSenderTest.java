package dev.sessionauth.lifecycle;

import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * One pluggable {@code MailSender} for every kind of message: named by class or given in code, the old
 * {@code VerificationSender} still working beside the default, the two refused together, and the logging default
 * that never puts a live link in an INFO line when {@code baseURL} is https.
 */
class MailSenderTest {
    private static final String LOGGER = "dev.sessionauth.engine.LoggingMailSender";

    /** Every record of one JUL logger (System.Logger's default backend), DEBUG ones too. */
    static final class Capture extends Handler implements AutoCloseable {
        final BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
        private final Logger logger;
        private final Level before;

        Capture(String name) {
            logger = Logger.getLogger(name);
            before = logger.getLevel();
            logger.setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(before);
        }

        LogRecord next(String part) throws InterruptedException {
            while (true) {
                LogRecord r = records.poll(30, TimeUnit.SECONDS);
                assertThat(r).as("a log record containing %s", part).isNotNull();
                if (r.getMessage().contains(part)) {
                    return r;
                }
            }
        }
    }

    static String uniqueEmail(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private static SessionAuthBuilder builder() {
        return SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", TestServer.SECRET)
                .set("jdbc.url", "jdbc:h2:mem:mail-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aMailSenderNamedByClassGetsTheVerificationMailWithRecipientKindAndLink() {
        try (TestServer server = TestServer.builder().viaInitParams().set("emailVerification.required", "true")
                .set("mail.sender", Mailbox.class.getName()).start()) {
            String email = uniqueEmail("byclass");
            TestClient client = server.client();
            assertThat(client.signUp("Ada", email, "plum tractor lantern").status()).isEqualTo(200);
            Mail mail = Mailbox.next(email, Mail.Kind.VERIFY_EMAIL);
            assertThat(mail.to()).isEqualTo(email);
            assertThat(mail.user().getEmail()).isEqualTo(email);
            assertThat(mail.link()).startsWith(server.origin() + "/api/auth/verify-email?token=");
            assertThat(mail.toString()).doesNotContain(mail.link());
            String path = mail.link().substring(server.origin().length());
            assertThat(client.get(path).status()).isEqualTo(200);
        }
    }

    @Test
    void aMailSenderAndAVerificationSenderTogetherStopStartUpNamingBoth() {
        SessionAuthBuilder bySetting = builder().set("mail.sender", Mailbox.class.getName())
                .set("emailVerification.sender", "dev.sessionauth.verification.StaticQueueSender");
        assertThatThrownBy(bySetting::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mail.sender").hasMessageContaining("emailVerification.sender");
        SessionAuthBuilder inCode = builder().mailSender(new Mailbox()).verificationSender((user, link) -> { });
        assertThatThrownBy(inCode::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mail.sender").hasMessageContaining("emailVerification.sender");
    }

    @Test
    void anUnknownMailSenderClassStopsStartUpNamingTheSetting() {
        SessionAuthBuilder b = builder().set("mail.sender", "com.example.NoSuchMailer");
        assertThatThrownBy(b::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mail.sender").hasMessageContaining("com.example.NoSuchMailer");
    }

    @Test
    void aMailSenderGivenInCodeIsUsed() throws Exception {
        BlockingQueue<Mail> sent = new LinkedBlockingQueue<>();
        try (Engine auth = Engine.of(builder().mailSender(sent::add).build())) {
            auth.verificationSender().send(new dev.sessionauth.User("u-1", "Ada", "ada@example.com", false,
                    java.util.Optional.empty(), java.time.Instant.EPOCH, java.time.Instant.EPOCH, Map.of()),
                    "http://localhost/x?token=1");
            Mail mail = sent.poll();
            assertThat(mail).isNotNull();
            assertThat(mail.kind()).isEqualTo(Mail.Kind.VERIFY_EMAIL);
            assertThat(mail.to()).isEqualTo("ada@example.com");
        }
    }

    @Test
    void inDevelopmentTheDefaultLogsTheLinkAtInfo() throws Exception {
        try (Capture log = new Capture(LOGGER);
             TestServer server = TestServer.builder().set("emailVerification.required", "true").start()) {
            String email = uniqueEmail("devlog");
            server.client().signUp("Ada", email, "plum tractor lantern");
            LogRecord record = log.next(email);
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getMessage()).contains("VERIFY_EMAIL").contains("/api/auth/verify-email?token=");
        }
    }

    @Test
    void withAnHttpsBaseUrlTheDefaultWithholdsTheLinkAndNamesTheSetting() throws Exception {
        try (Capture log = new Capture(LOGGER);
             TestServer server = TestServer.builder().set("emailVerification.required", "true")
                     .set("baseURL", "https://app.example.com").start()) {
            String email = uniqueEmail("prodlog");
            String userId = server.client().signUp("Ada", email, "plum tractor lantern").json()
                    .path("user").path("id").asText();
            LogRecord warning = log.next(userId);
            assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
            assertThat(warning.getMessage()).contains("withheld").contains("mail.sender")
                    .doesNotContain("token=").doesNotContain(email);
            LogRecord debug = log.next("https://app.example.com/api/auth/verify-email?token=");
            assertThat(debug.getLevel().intValue()).as("the link only below INFO").isLessThan(Level.INFO.intValue());
        }
    }
}
