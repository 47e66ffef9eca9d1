package dev.sessionauth.browser;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An API served under another basePath: the client finds it from the page's meta tag or from its option. */
class BasePathBrowserTest extends BrowserTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> BrowserPages.pages(b).settings("basePath", "/auth/v1"));

    @Test
    void theDefaultClientTakesItsBasePathFromTheMetaTag() {
        browser.get(server.url("/meta-base-path.html"));
        String email = ClientApiBrowserTest.uniqueEmail();

        JsonNode signUp = browser.call("authClient.signUp.email({name: 'Meta', email: '" + email
                + "', password: 'correct horse'})");

        assertThat(signUp.get("error").isNull()).as("%s", signUp).isTrue();
        assertThat(server.requests("POST", "/auth/v1/sign-up/email")).isEqualTo(1);
        assertThat(server.requests("POST", "/api/auth/sign-up/email")).isZero();
        assertThat(browser.call("authClient.getSession()").at("/data/user/email").asText()).isEqualTo(email);
    }

    @Test
    void anExplicitBasePathWinsOverTheDefault() {
        browser.get(server.url("/client-test.html"));

        JsonNode viaDefault = browser.call("authClient.getSession()");
        JsonNode viaOption = browser.call("SessionAuthClient.createAuthClient({basePath: '/auth/v1/'}).getSession()");

        assertThat(viaDefault.at("/error/status").asInt()).as("/api/auth is not the API here").isEqualTo(404);
        assertThat(viaOption.get("error").isNull()).as("%s", viaOption).isTrue();
        assertThat(viaOption.get("data").isNull()).isTrue();
    }
}
