package dev.sessionauth.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.engine.SessionAuthBuilder;
import dev.sessionauth.testing.TestServer;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An app deployed under a context path (/shop): every verification link points inside it. */
class VerificationUnderContextPathTest {
    private static final String TOKEN = "[A-Za-z0-9_-]{43}";
    private final Links links = new Links();
    private SessionAuth auth;
    private Server jetty;
    private String origin;

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (auth != null) {
            auth.close();
        }
    }

    private void start(String... settings) throws Exception {
        SessionAuthBuilder b = SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", TestServer.SECRET)
                .set("jdbc.url", "jdbc:h2:mem:ctx-verify-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .set("emailVerification.required", "true").verificationSender(links);
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        auth = b.build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/shop");
        context.addFilter(new FilterHolder(new SessionAuthFilter(auth)), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        origin = "http://127.0.0.1:" + connector.getLocalPort();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signUp(String email) throws Exception {
        HttpResponse<String> up = post("/shop/api/auth/sign-up/email",
                Links.json("name", "Ada", "email", email, "password", Links.PASSWORD));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        return links.next(email).link();
    }

    @Test
    void theRequestedLinkIncludesTheContextPathAndWorks() throws Exception {
        start();
        String email = Links.uniqueEmail("ctx");
        signUp(email);
        HttpResponse<String> sent = post("/shop/api/auth/send-verification-email", Links.json("email", email));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String link = links.next(email).link();
        assertThat(link).matches(Pattern.quote(origin + "/shop/api/auth/verify-email?token=") + TOKEN);
        assertThat(get(link.substring(origin.length())).statusCode()).isEqualTo(200);
    }

    @Test
    void theSignUpLinkIncludesTheContextPath() throws Exception {
        start();
        String email = Links.uniqueEmail("ctxsignup");
        assertThat(signUp(email)).matches(Pattern.quote(origin + "/shop/api/auth/verify-email?token=") + TOKEN);
    }

    @Test
    void withBaseUrlTheSignUpLinkIncludesTheContextPath() throws Exception {
        start("baseURL", "http://shop.example.test");
        String email = Links.uniqueEmail("ctxbase");
        assertThat(signUp(email))
                .matches(Pattern.quote("http://shop.example.test/shop/api/auth/verify-email?token=") + TOKEN);
    }
}
