package dev.sessionauth.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.DeployedApp;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code <auth:socialSignIn>} rendered by Jetty's JSP engine behind the filter configured in a real web.xml: one
 * escaped, CSRF-carrying form per provider, and a form that, posted as a browser posts it, sends the browser on to
 * the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocialSignInTagTest {
    private DeployedApp app;

    @BeforeAll
    void deploy() throws Exception {
        app = DeployedApp.onJetty("src/test/resources/social-app", "/app");
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
        try (java.sql.Connection c = new org.h2.Driver().connect("jdbc:h2:mem:social-tag", new java.util.Properties())) {
            c.createStatement().execute("SHUTDOWN");
        }
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(app.base() + path)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String div(String html, String id) {
        Matcher m = Pattern.compile("<div id=\"" + id + "\">(.*?)</div>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    @Test
    void rendersOneEscapedFormPerProviderWithTheCallbacksAndTheCsrfField() throws Exception {
        String html = get(browser(), "/pages/buttons.jsp").body();

        String all = div(html, "all");
        assertThat(all).contains("<form method=\"post\" action=\"/app/api/auth/sign-in/social\"");
        assertThat(all).contains("<input type=\"hidden\" name=\"provider\" value=\"github\">");
        assertThat(all).contains("<input type=\"hidden\" name=\"provider\" value=\"corp\">");
        assertThat(all).contains("<input type=\"hidden\" name=\"callbackURL\" value=\"/app/done?a=1&amp;b=&lt;2&gt;\">");
        assertThat(all).contains("<input type=\"hidden\" name=\"newUserCallbackURL\" value=\"/app/welcome\">");
        assertThat(all).contains(">Sign in with GitHub</button>");
        assertThat(all).contains(">Sign in with &lt;b&gt;&#034;Corp&#034; &amp; Co&lt;/b&gt;</button>");
        assertThat(all).doesNotContain("<b>");
        assertThat(all).contains("name=\"_csrf\"");
        String one = div(html, "one");
        assertThat(one).contains(">Continue with GitHub</button>").doesNotContain("corp");
        assertThat(one).contains("<input type=\"hidden\" name=\"errorCallbackURL\" value=\"/app/login\">");
    }

    @Test
    void theFormAsABrowserPostsItGoesOnToTheProvider() throws Exception {
        HttpClient browser = browser();
        String one = div(get(browser, "/pages/buttons.jsp").body(), "one");
        StringBuilder form = new StringBuilder();
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(one);
        List<String> names = new ArrayList<>();
        while (input.find()) {
            names.add(input.group(1));
            form.append(form.length() == 0 ? "" : "&").append(input.group(1)).append('=')
                    .append(URLEncoder.encode(input.group(2).replace("&amp;", "&"), StandardCharsets.UTF_8));
        }
        assertThat(names).contains("provider", "_csrf");

        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(app.base()
                        + "/api/auth/sign-in/social")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", app.origin()).POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://github.com/login/oauth/authorize?");
        assertThat(URLDecoder.decode(location, StandardCharsets.UTF_8))
                .contains("redirect_uri=" + app.origin() + "/app/api/auth/callback/github");
        assertThat(posted.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("sessionauth.oauth_state="));
    }

    @Test
    void aProviderThatIsNotConfiguredIsAnErrorNotAnEmptyPage() throws Exception {
        assertThat(get(browser(), "/pages/unknown.jsp").statusCode()).isEqualTo(500);
    }
}
