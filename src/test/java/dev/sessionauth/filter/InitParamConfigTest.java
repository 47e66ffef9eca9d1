package dev.sessionauth.filter;

import static dev.sessionauth.testing.TestClient.maxAgeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The filter configured as web.xml configures it: through init-params, as strings. */
class InitParamConfigTest {
    private static final String COOKIE = "sessionauth.session_token";
    private static final String PASSWORD = "correct horse";

    @Test
    void pathRulesLoginPageAndSignInWorkFromInitParams() {
        try (TestServer s = TestServer.builder().viaInitParams()
                .set("protected", "/app/**, /users/:id")
                .set("public", "/app/open/**")
                .set("loginPage", "/login")
                .start()) {
            TestClient browser = s.client();
            assertThat(browser.get("/app/x").status()).isEqualTo(401);
            assertThat(browser.get("/users/7").status()).isEqualTo(401);
            assertThat(browser.get("/app/open/x").status()).isEqualTo(200);
            TestClient.Reply html = browser.get("/app/x?y=1", "Accept", "text/html");
            assertThat(html.status()).isEqualTo(302);
            assertThat(html.header("Location")).hasValue("/login?redirect=%2Fapp%2Fx%3Fy%3D1");

            assertThat(browser.signUp("Web Xml", "webxml@example.com", PASSWORD).status()).isEqualTo(200);
            TestClient.Reply app = browser.get("/app/x");
            assertThat(app.status()).isEqualTo(200);
            assertThat(app.json().path("signedIn").asBoolean()).isTrue();
            assertThat(app.json().path("principal").asText()).isEqualTo(app.json().path("remoteUser").asText());
            assertThat(app.json().path("principalUserName").asText()).isEqualTo("Web Xml");
        }
    }

    @Test
    void durationInitParamsSetTheCookieLifetime() {
        try (TestServer s = TestServer.builder().viaInitParams()
                .set("session.maxAge", "2h").set("session.updateAge", "30m").start()) {
            TestClient.Reply r = s.client().signUp("Two Hours", "twohours@example.com", PASSWORD);
            assertThat(maxAgeOf(r.setCookie(COOKIE).orElseThrow())).isBetween(7200L - 60, 7200L);
        }
    }

    @Test
    void plainSecondsAreADuration() {
        try (TestServer s = TestServer.builder().viaInitParams()
                .set("session.maxAge", "3600").set("session.updateAge", "600").start()) {
            TestClient.Reply r = s.client().signUp("Seconds", "seconds@example.com", PASSWORD);
            assertThat(maxAgeOf(r.setCookie(COOKIE).orElseThrow())).isBetween(3600L - 60, 3600L);
        }
    }

    @Test
    void cookieInitParamsShapeTheCookie() {
        try (TestServer s = TestServer.builder().viaInitParams()
                .set("cookie.prefix", "webapp").set("cookie.sameSite", "strict")
                .set("security.requireSecureCookie", "true").start()) {
            TestClient.Reply r = s.client().signUp("Shaped", "shaped@example.com", PASSWORD);
            assertThat(r.setCookie("__Host-webapp.session_token").orElseThrow(() -> new AssertionError(r.headers())))
                    .endsWith("; HttpOnly; SameSite=Strict; Secure");
        }
    }

    @Test
    void csrfProtectionInitParamTurnsTheCheckOff() {
        try (TestServer s = TestServer.builder().viaInitParams().set("security.csrfProtection", "false").start()) {
            TestClient browser = s.client();
            assertThat(browser.signUp("Off", "off@example.com", PASSWORD).status()).isEqualTo(200);
            TestClient.Reply r = browser.post("/anything", "{}", "Origin", "https://evil.example");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("signedIn").asBoolean()).isTrue();
        }
    }

    @Test
    void initParamBeatsASystemPropertyWhichBeatsTheDefault() {
        System.setProperty("sessionauth.cookie.prefix", "fromsysprop");
        try {
            try (TestServer s = TestServer.builder().viaInitParams().start()) {
                TestClient.Reply r = s.client().signUp("Sys", "sys@example.com", PASSWORD);
                assertThat(r.setCookie("fromsysprop.session_token")).as(r.headers().toString()).isPresent();
            }
            try (TestServer s = TestServer.builder().viaInitParams().set("cookie.prefix", "fromparam").start()) {
                TestClient.Reply r = s.client().signUp("Param", "param@example.com", PASSWORD);
                assertThat(r.setCookie("fromparam.session_token")).as(r.headers().toString()).isPresent();
            }
        } finally {
            System.clearProperty("sessionauth.cookie.prefix");
        }
    }

    // ---- bad values stop start-up, naming the setting ------------------------------------------------------

    @Test
    void badDurationStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("session.maxAge", "7x").start().close())
                .hasMessageContaining("session.maxAge")
                .hasMessageContaining("is not a duration");
    }

    @Test
    void unknownSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("sesion.maxAge", "7d").start().close())
                .hasMessageContaining("sesion.maxAge");
    }

    @Test
    void sameSiteNoneStopsStartUp() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("cookie.sameSite", "None").start().close())
                .hasMessageContaining("cookie.sameSite");
    }

    @Test
    void protectedLoginPageStopsStartUp() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams()
                .set("protected", "/**").set("loginPage", "/login").start().close())
                .hasMessageContaining("loginPage");
    }

    @Test
    void malformedPatternsStopStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("protected", "/admin*").start().close())
                .hasMessageContaining("protected");
        assertThatThrownBy(() -> TestServer.builder().viaInitParams()
                .set("protected", "/app/**").set("public", "app/open").start().close())
                .hasMessageContaining("public");
    }

    @Test
    void shortSecretStopsStartUpWithoutEchoingIt() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("secret", "tooshort-s3cr3t").start().close())
                .hasMessageContaining("secret")
                .hasMessageNotContaining("tooshort-s3cr3t");
    }

    @Test
    void badBooleanStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams()
                .set("security.requireSecureCookie", "sometimes").start().close())
                .hasMessageContaining("security.requireSecureCookie");
    }
}
