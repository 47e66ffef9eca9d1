package dev.sessionauth.tags;

import dev.sessionauth.testing.DeployedApp;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tag library rendered by a real JSP engine (with JSTL) behind the real filter, declared in a real web.xml: what
 * a visitor, a signed-in user and a page outside the filter each see. Run on Jetty 12 and on Tomcat 10.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TagsInJsp {
    private static final String XSS_NAME = "<script>alert(1)</script>";
    private static final String ESCAPED_XSS_NAME = "&lt;script&gt;alert(1)&lt;/script&gt;";

    private DeployedApp server;
    private String origin;
    private String base;
    private HttpClient member;

    /** The container under test. */
    abstract DeployedApp.Deployer deployer();

    @BeforeAll
    void deploy() throws Exception {
        server = deployer().deploy("src/test/resources/tags-app", "/app");
        origin = server.origin();
        base = server.base();

        member = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> signUp = send(member, HttpRequest.newBuilder(URI.create(base + "/api/auth/sign-up/email"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + XSS_NAME
                        + "\",\"email\":\"ada@example.com\",\"password\":\"analytical-engine\"}")));
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        // The web.xml's in-memory database outlives the app (DB_CLOSE_DELAY=-1): drop it for the other container.
        try (java.sql.Connection c = new org.h2.Driver().connect("jdbc:h2:mem:tags-in-jsp", new java.util.Properties())) {
            c.createStatement().execute("SHUTDOWN");
        }
    }

    private HttpClient visitor() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page(HttpClient client, String path) throws Exception {
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(URI.create(base + path)));
        assertThat(response.statusCode()).as(path + "\n" + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The content of {@code <p id="id">…</p>}. */
    private String p(String html, String id) {
        Matcher m = Pattern.compile("<p id=\"" + Pattern.quote(id) + "\">(.*?)</p>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("<p id=\"" + id + "\"> in\n" + html).isTrue();
        return m.group(1);
    }

    @Test
    void aVisitorSeesTheSignedOutBodiesAndTheDefaults() throws Exception {
        String html = page(visitor(), "/pages/status.jsp");
        assertThat(p(html, "in")).isEmpty();
        assertThat(p(html, "out")).isEqualTo("please sign in");
        assertThat(p(html, "name")).isEqualTo("Guest &amp; co");
        assertThat(p(html, "raw-name")).isEmpty();
        assertThat(p(html, "verified")).isEmpty();
        assertThat(p(html, "admin")).isEmpty();
        assertThat(p(html, "plan")).isEqualTo("&lt;free&gt;");
        assertThat(p(html, "el-email")).isEmpty();
        assertThat(p(html, "el-signed-in")).isEqualTo("false");
        assertThat(p(html, "c-out-name")).isEqualTo("nobody");
    }

    @Test
    void aSignedInUserSeesTheirOwnValuesEscaped() throws Exception {
        String html = page(member, "/pages/status.jsp");
        assertThat(p(html, "in")).isEqualTo("signed in as ada@example.com");
        assertThat(p(html, "out")).isEmpty();
        assertThat(p(html, "name")).isEqualTo(ESCAPED_XSS_NAME);
        assertThat(html.split("<script>", -1)).as("only the escapeXml=\"false\" line prints it raw").hasSize(2);
    }

    @Test
    void escapeXmlFalsePrintsTheValueAsItIs() throws Exception {
        assertThat(p(page(member, "/pages/status.jsp"), "raw-name")).isEqualTo(XSS_NAME);
    }

    @Test
    void rolesVerificationAndAbsentFieldsFollowTheUsersData() throws Exception {
        String html = page(member, "/pages/status.jsp");
        assertThat(p(html, "verified")).as("a fresh sign-up is not verified").isEmpty();
        assertThat(p(html, "admin")).as("a user without a role").isEmpty();
        assertThat(p(html, "any-role")).isEmpty();
        assertThat(p(html, "plan")).as("an additional field this user lacks").isEqualTo("&lt;free&gt;");
    }

    @Test
    void elReadsTheSameContextThatTheTagsRead() throws Exception {
        String html = page(member, "/pages/status.jsp");
        assertThat(p(html, "el-email")).isEqualTo("ada@example.com");
        assertThat(p(html, "el-signed-in")).isEqualTo("true");
        assertThat(p(html, "c-out-name")).isEqualTo(ESCAPED_XSS_NAME);
    }

    @Test
    void varStoresTheRawValueInTheScopeAndRemovesItWhenThereIsNone() throws Exception {
        String html = page(member, "/pages/values.jsp");
        assertThat(p(html, "who-length")).isEqualTo(String.valueOf(XSS_NAME.length()));
        assertThat(p(html, "who")).isEqualTo(ESCAPED_XSS_NAME);
        assertThat(p(html, "mail")).isEqualTo("ada@example.com");
        assertThat(p(html, "plan")).isEqualTo("trial");
        assertThat(p(html, "stale")).isEqualTo("[]");
        assertThat(p(html, "user-id")).isNotBlank();
        assertThat(p(html, "email-verified")).isEqualTo("false");
        assertThat(p(html, "image")).isEqualTo("/img/anon.png");
    }

    @Test
    void sessionPropertiesPrintInstantsAsIso8601() throws Exception {
        String html = page(member, "/pages/values.jsp");
        Instant expires = Instant.parse(p(html, "expires"));
        Instant created = Instant.parse(p(html, "created"));
        assertThat(expires).isAfter(Instant.now().plus(Duration.ofDays(6)));
        assertThat(created).isBefore(Instant.now().plusSeconds(1));
        assertThat(Instant.parse(p(html, "updated"))).isAfterOrEqualTo(created);
        assertThat(p(html, "expires-var")).isEqualTo(p(html, "expires"));
        assertThat(p(html, "session-id")).isNotBlank();
        assertThat(p(html, "session-user")).isEqualTo(p(html, "user-id"));
        assertThat(p(html, "ip")).isEqualTo("127.0.0.1");
        assertThat(p(html, "agent")).isNotEqualTo("no agent");
    }

    @Test
    void aVisitorsVariablesHoldTheDefaultsOrNothing() throws Exception {
        String html = page(visitor(), "/pages/values.jsp");
        assertThat(p(html, "who-length")).isEqualTo("0");
        assertThat(p(html, "plan")).isEqualTo("trial");
        assertThat(p(html, "stale")).isEqualTo("[]");
        assertThat(p(html, "expires")).isEmpty();
        assertThat(p(html, "ip")).isEqualTo("no ip");
    }

    @Test
    void theCsrfFieldAndMetaCarryTheTokenThatElPrints() throws Exception {
        String html = page(member, "/pages/csrf.jsp");
        String token = p(html, "el-token");
        assertThat(token).isNotBlank().matches("[A-Za-z0-9_-]+");
        assertThat(html).contains("<input type=\"hidden\" name=\"_csrf\" value=\"" + token + "\">");
        assertThat(html).contains("<meta name=\"csrf-token\" content=\"" + token + "\">");
    }

    @Test
    void theFilterAcceptsAFormPostCarryingTheRenderedTokenAndRefusesOneWithout() throws Exception {
        String html = page(member, "/pages/csrf.jsp");
        Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(html);
        assertThat(field.find()).isTrue();
        HttpResponse<String> withToken = postForm("_csrf=" + URLEncoder.encode(field.group(1), StandardCharsets.UTF_8));
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
        assertThat(p(withToken.body(), "method")).isEqualTo("POST");
        HttpResponse<String> without = postForm("_csrf=forged");
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("INVALID_CSRF_TOKEN");
    }

    private HttpResponse<String> postForm(String body) throws Exception {
        return send(member, HttpRequest.newBuilder(URI.create(base + "/pages/csrf.jsp"))
                .header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aVisitorGetsAnEmptyTokenFromThePagesTheFilterCovers() throws Exception {
        String html = page(visitor(), "/pages/csrf.jsp");
        assertThat(html).contains("<input type=\"hidden\" name=\"_csrf\" value=\"\">");
    }

    @Test
    void aProtectedPageRendersForTheMemberAndIsRefusedToAVisitor() throws Exception {
        assertThat(p(page(member, "/pages/private/members.jsp"), "members")).isEqualTo("members only: ada@example.com");
        HttpResponse<String> refused = send(visitor(), HttpRequest.newBuilder(URI.create(base + "/pages/private/members.jsp")));
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void withoutTheFilterAPageRendersAsSignedOutEvenWithASessionCookie() throws Exception {
        String html = page(member, "/bare/status.jsp");
        assertThat(p(html, "in")).isEmpty();
        assertThat(p(html, "out")).isEqualTo("please sign in");
        assertThat(p(html, "name")).isEqualTo("Guest");
        assertThat(p(html, "expires")).isEqualTo("never");
        assertThat(p(html, "admin")).isEmpty();
    }

    @Test
    void withoutTheFilterTheCsrfTagsFailLoudly() throws Exception {
        HttpResponse<String> response = send(member, HttpRequest.newBuilder(URI.create(base + "/bare/csrf.jsp")));
        assertThat(response.statusCode()).isEqualTo(500);
        // Each container escapes its error page its own way (Tomcat also writes '/' as &#47;): the words, not the markup.
        assertThat(response.body()).contains("auth:csrfInput").contains("needs SessionAuthFilter to cover this page")
                .doesNotContain("name=\"_csrf\"");
    }

    @Test
    void anUnknownSessionPropertyFailsThePage() throws Exception {
        HttpResponse<String> response = send(member, HttpRequest.newBuilder(URI.create(base + "/pages/bad-property.jsp")));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("unknown property; use one of");
    }

    /** The content of {@code <div id="id">…</div>}. */
    private String div(String html, String id) {
        Matcher m = Pattern.compile("<div id=\"" + Pattern.quote(id) + "\">(.*?)</div>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("<div id=\"" + id + "\"> in\n" + html).isTrue();
        return m.group(1);
    }

    @Test
    void theErrorTagShowsTheMessageForACodeInTheReadersLanguage() throws Exception {
        String html = page(visitor(), "/pages/error.jsp?error=INVALID_EMAIL_OR_PASSWORD&problem=TOO_MANY_REQUESTS");
        assertThat(div(html, "plain")).isEqualTo(
                "<p class=\"auth-error\" role=\"alert\">That e-mail and password do not match an account.</p>");
        assertThat(div(html, "german")).contains("passen zu keinem Konto");
        assertThat(div(html, "other-param")).isEqualTo(
                "<p class=\"warn\" role=\"alert\">Too many attempts. Please wait a minute.</p>");
        assertThat(p(html, "var")).isEqualTo("That e-mail and password do not match an account.");
    }

    @Test
    void theErrorTagFollowsAcceptLanguage() throws Exception {
        HttpResponse<String> r = send(visitor(), HttpRequest.newBuilder(URI.create(base
                + "/pages/error.jsp?error=UNAUTHORIZED")).header("Accept-Language", "de-CH, en;q=0.5"));
        assertThat(div(r.body(), "plain")).contains("Bitte melden Sie sich zuerst an.");
    }

    @Test
    void theErrorTagShowsNothingForTextThatIsNotAKnownCode() throws Exception {
        for (String value : new String[] {"<script>alert(1)</script>", "NO_SUCH_CODE", "", "unauthorized"}) {
            String html = page(visitor(), "/pages/error.jsp?error=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            assertThat(div(html, "plain")).as(value).isEmpty();
            assertThat(p(html, "var")).as(value).isEqualTo("none");
            assertThat(html).doesNotContain("<script>alert");
        }
    }
}
