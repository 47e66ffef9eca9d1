package dev.sessionauth.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.testing.RawExchange;
import dev.sessionauth.testing.RawExchange.Answer;
import dev.sessionauth.testing.ServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same malformed inputs on a real Tomcat 10.1, which fails differently from Jetty. Its {@code getParameter}
 * drops a badly escaped parameter silently (so {@code ?disableCookieCache=%ZZ} used to mean "absent", a 200): the
 * filter's own query parsing makes that the 400 it is on Jetty. A body Tomcat cannot read (cut short, broken
 * chunking) is another matter: Tomcat itself calls {@code sendError(400)} inside the failing read and renders its
 * error report instead of anything the filter writes, which no Servlet API call undoes. So a deployment on Tomcat
 * needs its {@code ErrorReportValve} with {@code showReport="false" showServerInfo="false"}, as configured here:
 * then that answer is a bare 400 that names nothing. That is the filter reading bodies on the request's thread (a
 * web.xml without {@code async-supported}); with the asynchronous filter Tomcat ends such an exchange by closing the
 * connection, which {@link #anAsynchronousFilterLetsTomcatCloseOnABrokenBodyNeverA500} pins.
 */
class TomcatMalformedInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    // As a deployment should have it (docs/security.md, "Error hygiene"): Tomcat's own error pages without stack
    // trace or version.
    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b.tomcat().hideErrorReports().synchronousFilter());

    @RegisterExtension
    static final ServerExtension asynchronous = ServerExtension.with(b -> b.tomcat().hideErrorReports());

    private static Answer send(String head, String body) {
        int port = server.port();
        String request = head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n" + body;
        return RawExchange.send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String ourMessage(Answer a, int status, String code) throws IOException {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        JsonNode json = MAPPER.readTree(a.body());
        assertThat(json.path("code").asText()).as(a.body()).isEqualTo(code);
        assertThat(json.size()).as(a.body()).isEqualTo(2);
        assertThat(a.text()).doesNotContainIgnoringCase("exception").doesNotContain("org.apache");
        return json.path("message").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-session?disableCookieCache=%ZZ", "get-session?disableRefresh=%C3%28",
            "verify-email?token=%ZZ", "verify-email?token=x&callbackURL=%E2%82"})
    void aBadQueryEscapeIsThe400ItIsOnJettyNotAnAbsentParameter(String endpointAndQuery) throws IOException {
        Answer a = send("GET /api/auth/" + endpointAndQuery + " HTTP/1.1", "");
        assertThat(ourMessage(a, 400, "INVALID_REQUEST_BODY")).startsWith("The query parameter ")
                .endsWith(" is not valid percent-encoded UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5\r\n{\"a\"", "ZZ\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX0\r\n\r\n"})
    void brokenChunkingIsABare400(String chunked) {
        assertBare400(send("POST /api/auth/sign-in/email HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked", chunked));
    }

    @Test
    void aBodyShorterThanItsContentLengthIsABare400() {
        assertBare400(send("POST /api/auth/sign-in/email HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100", "{\"email\":"));
    }

    /** Tomcat's own 400 (see the class comment): the status is right and nothing names the software inside. */
    private static void assertBare400(Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(400);
        assertThat(a.text()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("tomcat")
                .doesNotContain("org.apache").doesNotContain("java.").doesNotContain("\tat ")
                .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]\\w+");
    }

    @Test
    void aCharsetTheContainerCannotDecodeIsNotA500() throws IOException {
        Answer a = send("POST /api/auth/sign-in/email HTTP/1.1\r\nContent-Type: application/json; charset=nonesuch\r\n"
                + "Content-Length: 2", "{}");
        ourMessage(a, 400, "INVALID_REQUEST_BODY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 100\r\n\r\n{\"email\":",
            "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"})
    void anAsynchronousFilterLetsTomcatCloseOnABrokenBodyNeverA500(String rest) {
        int port = asynchronous.port();
        String request = "POST /api/auth/sign-in/email HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\nContent-Type: application/json\r\n" + rest;
        Answer a;
        try {
            a = RawExchange.send(port, request.getBytes(StandardCharsets.ISO_8859_1));
        } catch (java.io.UncheckedIOException closed) {
            // Tomcat closed the connection without an answer: its decision for a body it could not read.
            return;
        }
        assertBare400(a);
    }
}
