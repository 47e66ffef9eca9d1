package dev.sessionauth.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.testing.RawExchange;
import dev.sessionauth.testing.RawExchange.Answer;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.UriCompliance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacker's reports, each pinned: bad query escapes, bodies cut short or badly chunked, the JSON parser's own
 * words, a charset Jetty cannot parse. On Jetty's DEFAULT URI compliance, as a deployment runs it (there
 * {@code getParameter} throws on a bad escape, which used to be a 500).
 */
class MalformedInputAnswersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b
            .uriCompliance(UriCompliance.DEFAULT).set("protected", "/app/**"));

    private static Answer send(String head, String body) {
        String request = head + "\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n" + body;
        return RawExchange.send(server.port(), request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer post(String path, String contentType, String body) {
        return send("POST " + path + " HTTP/1.1\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length, body);
    }

    /** Our error: status, code, exactly {code, message}; returns the message. */
    private static String ourError(Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        JsonNode json;
        try {
            json = MAPPER.readTree(a.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + a.text(), e);
        }
        assertThat(json.path("code").asText()).as(a.body()).isEqualTo(code);
        assertThat(json.size()).as(a.body()).isEqualTo(2);
        assertThat(a.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        String message = json.path("message").asText();
        assertThat(message).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("jackson")
                .doesNotContain("`").doesNotContain("FAIL_ON").doesNotContain("Early EOF");
        return message;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"POST | sign-out", "GET | list-sessions", "POST | refresh-session"})
    void aBadEscapeIsRefusedEvenWhereTheEndpointReadsNoQuery(String method, String endpoint) {
        Answer a = method.equals("GET") ? send("GET /api/auth/" + endpoint + "?q=%ZZ HTTP/1.1", "")
                : post("/api/auth/" + endpoint + "?q=%ZZ", "application/json", "{}");
        assertThat(ourError(a, 400, "INVALID_REQUEST_BODY")).isEqualTo("The query parameter q is not valid"
                + " percent-encoded UTF-8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "get-session?disableCookieCache=%ZZ | disableCookieCache",
            "get-session?disableRefresh=%C3%28 | disableRefresh",
            "get-session?disableCookieCache=true&disableRefresh=% | disableRefresh",
            "verify-email?token=%ZZ | token",
            "verify-email?token=abc&callbackURL=%ZZ | callbackURL",
            "verify-email?callbackURL=%2F&token=%E2%82 | token"})
    void aBadEscapeInAQueryParameterIsA400ThatNamesIt(String endpointAndQuery, String parameter) {
        Answer a = send("GET /api/auth/" + endpointAndQuery + " HTTP/1.1", "");
        assertThat(ourError(a, 400, "INVALID_REQUEST_BODY")).isEqualTo("The query parameter " + parameter
                + " is not valid percent-encoded UTF-8");
    }

    @Test
    void aQueryParameterGivenTwiceIsRefusedRatherThanPicked() {
        Answer a = send("GET /api/auth/verify-email?token=a&token=b HTTP/1.1", "");
        assertThat(ourError(a, 400, "INVALID_REQUEST_BODY")).isEqualTo("The query parameter token appears twice");
    }

    @Test
    void wellFormedEscapesStillDecode() {
        Answer a = send("GET /api/auth/verify-email?token=nope&callbackURL=%2Fdone%3Fx%3D1 HTTP/1.1", "");
        assertThat(a.status()).as(a.text()).isEqualTo(302);
        assertThat(a.header("Location")).hasValue("/done?x=1&error=INVALID_TOKEN");
        assertThat(send("GET /api/auth/get-session?disableCookieCache=true HTTP/1.1", "").status()).isEqualTo(200);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsOur400() {
        Answer a = send("POST /api/auth/sign-in/email HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100",
                "{\"email\":\"a@b.co\"");
        assertThat(ourError(a, 400, "INVALID_REQUEST_BODY")).startsWith("The body could not be read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5\r\n{\"a\"", "ZZ\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX0\r\n\r\n", "40\r\n{}\r\n0\r\n\r\n"})
    void brokenChunkingIsOur400(String chunked) {
        Answer a = send("POST /api/auth/sign-in/email HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked", chunked);
        assertThat(ourError(a, 400, "INVALID_REQUEST_BODY")).startsWith("The body could not be read");
        assertThat(a.text()).doesNotContain("JsonBody").doesNotContain("readCapped");
    }

    @Test
    void jsonErrorsAreInOurWordsWithLineAndColumnAtMost() {
        String json = "application/json";
        assertThat(ourError(post("/api/auth/sign-in/email", json, "{\"email\":\"a@b.co\"} []"), 400,
                "INVALID_REQUEST_BODY")).isEqualTo("The body must be a single JSON value; more follows (line 1, column 20)");
        assertThat(ourError(post("/api/auth/sign-in/email", json, "{\"email\":\"a\",\n \"email\":\"b\"}"), 400,
                "INVALID_REQUEST_BODY")).isEqualTo("The field email appears twice (line 2, column 2)");
        assertThat(ourError(post("/api/auth/sign-in/email", json, "{\"email\" \"a\"}"), 400,
                "INVALID_REQUEST_BODY")).isEqualTo("The body is not valid JSON (line 1, column 10)");
        assertThat(ourError(post("/api/auth/sign-out", json, "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
                400, "INVALID_REQUEST_BODY")).isEqualTo(
                "The body's JSON is nested too deeply or holds a number or string that is too long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=\"", "application/json; charset=nonesuch"})
    void aCharsetJettyCannotParseIsNotA500(String contentType) {
        // Jetty's getContentType() throws on these; the filter reads the header itself.
        ourError(post("/api/auth/sign-in/email", contentType, "{}"), 400, "INVALID_REQUEST_BODY");
        TestClient browser = server.client();
        browser.signUp("Charset", "charset-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "correct horse battery staple");
        String cookie = "sessionauth.session_token=" + browser.cookie("sessionauth.session_token").orElseThrow();
        Answer app = send("POST /app/page HTTP/1.1\r\nCookie: " + cookie + "\r\nOrigin: " + server.origin()
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: 2", "{}");
        assertThat(app.status()).as(app.text()).isLessThan(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_csrf=%ZZ", "_csrf=%C3%28", "x=%&_csrf=abc"})
    void aMalformedFormOnAnAppPageIsRefusedWithOurAnswer(String form) {
        TestClient browser = server.client();
        browser.signUp("Form", "form-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "correct horse battery staple");
        String cookie = "sessionauth.session_token=" + browser.cookie("sessionauth.session_token").orElseThrow();
        Answer a = send("POST /app/page HTTP/1.1\r\nCookie: " + cookie + "\r\nOrigin: " + server.origin()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length(), form);
        // The token cannot be read from it, so it is missing: refused, never passed on or answered with a 500.
        ourError(a, 403, "INVALID_CSRF_TOKEN");
    }
}
