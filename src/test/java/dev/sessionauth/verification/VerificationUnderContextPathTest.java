package dev.sessionauth.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An app deployed under a context path (/shop): every verification link points inside it. */
class VerificationUnderContextPathTest {
    private static final String TOKEN = "[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]+";
    private final Links links = new Links();
    private TestServer server;
    private String origin;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String... settings) {
        server = TestServer.builder().contextPath("/shop").set("emailVerification.required", "true")
                .verificationSender(links).settings(settings).start();
        origin = server.origin();
    }

    /** A POST as a non-browser client sends it: no cookies kept, no Origin. */
    private Reply post(String path, String json) {
        return TestClient.at(origin).withoutOrigin().post(path, json);
    }

    private Reply get(String path) {
        return TestClient.at(origin).get(path);
    }

    private String signUp(String email) {
        Reply up = post("/shop/api/auth/sign-up/email",
                Accounts.json("name", "Ada", "email", email, "password", Accounts.PASSWORD));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        return links.next(email).link();
    }

    @Test
    void theRequestedLinkIncludesTheContextPathAndWorks() {
        start();
        String email = Accounts.uniqueEmail("ctx");
        signUp(email);
        Reply sent = post("/shop/api/auth/send-verification-email", Accounts.json("email", email));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        String link = links.next(email).link();
        assertThat(link).matches(Pattern.quote(origin + "/shop/api/auth/verify-email?token=") + TOKEN);
        assertThat(get(link.substring(origin.length())).status()).isEqualTo(200);
    }

    @Test
    void theSignUpLinkIncludesTheContextPath() {
        start();
        String email = Accounts.uniqueEmail("ctxsignup");
        assertThat(signUp(email)).matches(Pattern.quote(origin + "/shop/api/auth/verify-email?token=") + TOKEN);
    }

    @Test
    void withBaseUrlTheSignUpLinkIncludesTheContextPath() {
        start("baseURL", "http://shop.example.test");
        String email = Accounts.uniqueEmail("ctxbase");
        assertThat(signUp(email))
                .matches(Pattern.quote("http://shop.example.test/shop/api/auth/verify-email?token=") + TOKEN);
    }
}
