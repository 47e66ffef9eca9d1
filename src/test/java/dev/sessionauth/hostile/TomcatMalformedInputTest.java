package dev.sessionauth.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.testing.RawExchange;
import dev.sessionauth.testing.RawExchange.Answer;
import dev.sessionauth.testing.TestServer;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same malformed inputs on a real Tomcat 10.1, which fails differently from Jetty. Its {@code getParameter}
 * drops a badly escaped parameter silently (so {@code ?disableCookieCache=%ZZ} used to mean "absent", a 200): the
 * filter's own query parsing makes that the 400 it is on Jetty. A body Tomcat cannot read (cut short, broken
 * chunking) is another matter: Tomcat itself calls {@code sendError(400)} inside the failing read and renders its
 * error report instead of anything the filter writes, which no Servlet API call undoes. So a deployment on Tomcat
 * needs its {@code ErrorReportValve} with {@code showReport="false" showServerInfo="false"}, as configured here:
 * then that answer is a bare 400 that names nothing.
 */
class TomcatMalformedInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Tomcat tomcat;
    private static SessionAuth auth;
    private static Path baseDir;
    private static int port;

    @BeforeAll
    static void start() throws IOException, LifecycleException {
        auth = SessionAuth.builder().set("secret", TestServer.SECRET)
                .set("jdbc.url", "jdbc:h2:mem:tomcat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .systemProperties(new Properties()).environment(Map.of()).build();
        baseDir = Files.createTempDirectory("sessionauth-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        // As a deployment should have it (README): Tomcat's own error pages without stack trace or version.
        ErrorReportValve errorReport = new ErrorReportValve();
        errorReport.setShowReport(false);
        errorReport.setShowServerInfo(false);
        tomcat.getHost().getPipeline().addValve(errorReport);
        Context context = tomcat.addContext("", null);
        FilterDef filter = new FilterDef();
        filter.setFilterName("sessionauth");
        filter.setFilter(new SessionAuthFilter(auth));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("sessionauth");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        Tomcat.addServlet(context, "app", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().write("app");
            }
        });
        context.addServletMappingDecoded("/", "app");
        tomcat.getConnector();
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stop() throws LifecycleException, IOException {
        tomcat.stop();
        tomcat.destroy();
        auth.close();
        try (var files = Files.walk(baseDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Answer send(String head, String body) {
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
}
