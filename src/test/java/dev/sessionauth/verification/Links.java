package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SEND_VERIFICATION;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.SIGN_UP;
import static dev.sessionauth.testing.Accounts.VERIFY;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.User;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link VerificationSender} that files every link under its user's address, so tests sharing a server never
 * read each other's links; sending happens on a background thread, so reading waits (with a timeout).
 */
final class Links implements VerificationSender {
    /** A 43-character secret, then the address it was mailed to (base64url): the link proves that address only. */
    static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]+)(?:&|\\s|$)");
    private static final long TIMEOUT_SECONDS = 30;

    /** One delivered link and the user it was sent to. */
    record Sent(User user, String link) {
        String token() {
            return Links.token(link);
        }

        /** The link's path and query, to open it on the test server whatever origin it names. */
        String pathAndQuery() {
            int at = link.indexOf("/api/auth/verify-email");
            assertThat(at).as("a verify-email link: %s", link).isGreaterThanOrEqualTo(0);
            return link.substring(at);
        }
    }

    private final Map<String, BlockingQueue<Sent>> byEmail = new ConcurrentHashMap<>();

    @Override
    public void send(User user, String link) {
        queue(user.getEmail()).add(new Sent(user, link));
    }

    private BlockingQueue<Sent> queue(String email) {
        // Stored addresses are lower case.
        return byEmail.computeIfAbsent(email.toLowerCase(java.util.Locale.ROOT), e -> new LinkedBlockingQueue<>());
    }

    /** The next link sent to this address; fails when none comes within the timeout. */
    Sent next(String email) {
        try {
            Sent sent = queue(email).poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(sent).as("a verification link for %s", email).isNotNull();
            return sent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A link already delivered to this address and not yet read, if any (does not wait). */
    Optional<Sent> pending(String email) {
        return Optional.ofNullable(queue(email).poll());
    }

    static String token(String link) {
        Matcher m = TOKEN.matcher(link);
        assertThat(m.find()).as("a 43-character token and its address in %s", link).isTrue();
        return m.group(1);
    }

    static Reply signUp(TestClient client, String email) {
        Reply r = client.post(SIGN_UP, json("name", "Ada", "email", email, "password", PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    static Reply signIn(TestClient client, String email) {
        return client.post(SIGN_IN, json("email", email, "password", PASSWORD));
    }

    static Reply requestLink(TestClient client, String email) {
        return client.post(SEND_VERIFICATION, json("email", email));
    }

    static Reply verify(TestClient client, String token) {
        return client.get(VERIFY + "?token=" + token);
    }

    static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
    }

    static void assertStatusTrue(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().size()).as(r.body()).isOne();
        assertThat(r.json().path("status").isBoolean()).as(r.body()).isTrue();
        assertThat(r.json().path("status").asBoolean()).isTrue();
    }

    /** The user id of an address, read from the database. */
    static String userId(TestServer server, String email) {
        try (var c = server.database(); var ps = c.prepareStatement("SELECT id FROM sa_user WHERE email = ?")) {
            ps.setString(1, email);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a user %s", email).isTrue();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many verification secrets are stored for an address. */
    static long secrets(TestServer server, String email) {
        return server.count("SELECT COUNT(*) FROM sa_verification v JOIN sa_user u"
                + " ON v.identifier LIKE '%' || u.id WHERE u.email = ?", email);
    }

    static boolean verified(TestServer server, String email) {
        return server.count("SELECT COUNT(*) FROM sa_user WHERE email = ? AND email_verified = TRUE", email) == 1;
    }
}
