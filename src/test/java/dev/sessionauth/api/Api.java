package dev.sessionauth.api;

import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.RawExchange;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the API tests share: paths, unique accounts, the wire shapes and the error shape, a raw HTTP socket. */
final class Api {
    static final String REVOKE_SESSION = "/api/auth/revoke-session";
    static final String REVOKE_OTHER_SESSIONS = "/api/auth/revoke-other-sessions";
    static final String REVOKE_SESSIONS = "/api/auth/revoke-sessions";
    static final String REFRESH_SESSION = "/api/auth/refresh-session";

    static final String DONT_REMEMBER_COOKIE = "sessionauth.dont_remember";


    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final Pattern RAW_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    // With the shipped features: two-factor sign-in (on by default) adds twoFactorEnabled to every user, as Better
    // Auth's twoFactor plugin does, and amr (how the session was made) to sessions made through the gates: a session
    // made by sign-up has none, so amr is the one field a session may lack.
    static final List<String> USER_FIELDS = List.of("id", "name", "email", "emailVerified", "image", "createdAt",
            "updatedAt", "twoFactorEnabled");
    static final List<String> SESSION_FIELDS = List.of("id", "userId", "expiresAt", "createdAt", "updatedAt",
            "ipAddress", "userAgent", "token");
    static final String SIGN_IN_METHODS_FIELD = "amr";

    private Api() {
    }

    /** Signs an existing account in from a new browser; returns that browser and the raw token it got. */
    static Signed signIn(TestServer server, SignedInUser account) {
        TestClient browser = server.client();
        Reply in = browser.signIn(account.email(), account.password());
        assertThat(in.status()).as("sign-in: %s", in.body()).isEqualTo(200);
        return new Signed(browser, in.json().path("token").asText(), in);
    }

    record Signed(TestClient browser, String token, Reply reply) {
    }

    /** A non-browser client: no cookies, no Origin, the token in {@code Authorization: Bearer}. */
    static TestClient bearer(TestServer server, String credential) {
        return server.client().withoutOrigin().header("Authorization", "Bearer " + credential);
    }

    /** Whether the credential currently resolves to a session (checked from a fresh, cookie-less client). */
    static boolean isLive(TestServer server, String rawToken) {
        Reply r = bearer(server, rawToken).getSession();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return !r.body().equals("null");
    }

    /** Whether a signed cookie value still opens a session when replayed in a fresh browser. */
    static boolean cookieWorks(TestServer server, String cookieValue) {
        TestClient replay = server.client();
        replay.putCookie(TOKEN_COOKIE, cookieValue);
        Reply r = replay.getSession();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return !r.body().equals("null");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    // ---- shapes ---------------------------------------------------------------------------------------------

    static void assertNoStore(Reply r) {
        assertThat(r.header("Cache-Control")).as("Cache-Control of %d %s", r.status(), r.body())
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    static void assertJson(Reply r) {
        assertThat(r.header("Content-Type")).as("Content-Type")
                .hasValueSatisfying(v -> assertThat(v.toLowerCase(Locale.ROOT)).startsWith("application/json"));
    }

    /** An error answer: the status of the code, exactly {code, message}, no-store, no stack trace. */
    static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        JsonNode j = r.json();
        assertThat(j.path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(fieldNames(j)).as(r.body()).containsExactlyInAnyOrder("code", "message");
        assertThat(j.path("message").isTextual()).isTrue();
        assertThat(j.path("message").asText()).isNotBlank();
        assertNoStackTrace(r);
        assertNoStore(r);
        assertJson(r);
    }

    static void assertNoStackTrace(Reply r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.sessionauth.");
    }

    /** Better Auth's user: exactly the seven fields, never a password or hash. */
    static void assertUserShape(JsonNode user) {
        assertThat(fieldNames(user)).containsExactlyInAnyOrderElementsOf(USER_FIELDS);
        assertThat(user.path("id").asText()).isNotBlank();
        assertThat(user.path("name").isTextual()).isTrue();
        assertThat(user.path("email").isTextual()).isTrue();
        assertThat(user.path("emailVerified").isBoolean()).isTrue();
        assertThat(user.path("image").isNull() || user.path("image").isTextual()).isTrue();
        assertThat(user.path("createdAt").asText()).matches(TIMESTAMP);
        assertThat(user.path("updatedAt").asText()).matches(TIMESTAMP);
        assertThat(user.toString()).doesNotContain("$2").doesNotContainIgnoringCase("password");
    }

    /** Better Auth's session: token is the handle (== id), never a bearer token. */
    static void assertSessionShape(JsonNode session) {
        List<String> names = fieldNames(session);
        if (session.path(SIGN_IN_METHODS_FIELD).isTextual()) {
            assertThat(session.path(SIGN_IN_METHODS_FIELD).asText()).matches("[a-z:0-9_-]+( [a-z]+)*");
            names.remove(SIGN_IN_METHODS_FIELD);
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(SESSION_FIELDS);
        assertThat(session.path("id").asText()).isNotBlank();
        assertThat(session.path("token").asText()).isEqualTo(session.path("id").asText());
        assertThat(session.path("userId").asText()).isNotBlank();
        assertThat(session.path("expiresAt").asText()).matches(TIMESTAMP);
        assertThat(session.path("createdAt").asText()).matches(TIMESTAMP);
        assertThat(session.path("updatedAt").asText()).matches(TIMESTAMP);
    }

    // ---- the database ---------------------------------------------------------------------------------------

    /** Every value of every column of every sa_session row, as text. */
    static List<String> sessionTableValues(TestServer server) {
        try (Connection c = server.database(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM sa_session")) {
            List<String> values = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long sessionRows(TestServer server, String userId) {
        return server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", userId);
    }

    // ---- raw HTTP, for bodies java.net.http will not send (invalid UTF-8, chunked) ------------------------------

    record RawReply(int status, String head, String body) {
        boolean hasHeader(String nameAndValuePrefix) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + nameAndValuePrefix.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code head} (without the final blank line; Host and Connection: close are added) and {@code body},
     * reading the answer while writing (see {@link RawExchange}: a server may answer before it has read it all).
     */
    static RawReply raw(TestServer server, String head, byte[] body) {
        RawExchange.Answer answer = RawExchange.send(server.port(), request(server, head, body));
        return new RawReply(answer.status(), answer.head(), answer.body());
    }

    /**
     * Like {@link #raw} but sends only the first {@code sendBytes} bytes of the body and then waits for the answer
     * with the connection open: for a body the server must refuse before it has all of it.
     */
    static RawReply rawPartly(TestServer server, String head, byte[] body, int sendBytes) {
        byte[] request = request(server, head, body);
        RawExchange.Answer answer = RawExchange.sendOnly(server.port(), request,
                request.length - body.length + sendBytes);
        return new RawReply(answer.status(), answer.head(), answer.body());
    }

    private static byte[] request(TestServer server, String head, byte[] body) {
        String full = head + "\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(full.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return request.toByteArray();
    }

    /** A POST with an exact byte body and Content-Length. */
    static RawReply rawPost(TestServer server, String path, String contentType, byte[] body) {
        return raw(server, "POST " + path + " HTTP/1.1\r\nOrigin: " + server.origin() + "\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + body.length, body);
    }

    /** A POST whose body comes chunked, so no Content-Length announces its size. */
    static RawReply rawChunkedPost(TestServer server, String path, byte[] body, int chunkSize) {
        return raw(server, chunkedHead(server, path), chunked(body, chunkSize));
    }

    static String chunkedHead(TestServer server, String path) {
        return "POST " + path + " HTTP/1.1\r\nOrigin: " + server.origin()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked";
    }

    /** {@code body} in chunks of {@code chunkSize} bytes, with the last (empty) chunk. */
    static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += chunkSize) {
            int n = Math.min(chunkSize, body.length - i);
            chunked.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.write(body, i, n);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return chunked.toByteArray();
    }
}
