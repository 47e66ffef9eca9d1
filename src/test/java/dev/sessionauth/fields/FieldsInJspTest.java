package dev.sessionauth.fields;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declared user fields in a real JSP page behind a filter configured by web.xml: {@code <auth:user property="role"/>},
 * EL over {@code auth.user.fields}, {@code <auth:hasRole>} and {@code request.isUserInRole}.
 */
class FieldsInJspTest {
    private static final String JDBC_URL = "jdbc:h2:mem:fields-in-jsp";

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b
            .webapp("src/test/resources/fields-app").contextPath("/app"));
    private static String base;
    private static HttpClient ada;
    private static HttpClient grace;
    private static HttpClient mallory;

    @BeforeAll
    static void deploy() throws Exception {
        base = server.base();

        ada = member("ada@fields.example", "{\"age\":42,\"newsletter\":true}");
        grace = member("grace@fields.example", "{\"preferences\":{\"theme\":\"dark\"}}");
        mallory = member("mallory@fields.example", "{}");
        setRole("grace@fields.example", "admin, auditor");
        setRole("mallory@fields.example", "<b>boss</b>");
    }

    private static HttpClient member(String email, String fields) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String body = fields.substring(0, fields.length() - 1) + (fields.equals("{}") ? "" : ",")
                + "\"name\":\"M\",\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD + "\"}";
        HttpResponse<String> up = send(client, HttpRequest.newBuilder(URI.create(base + Accounts.SIGN_UP))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        return client;
    }

    private static void setRole(String email, String role) throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC_URL);
             PreparedStatement ps = c.prepareStatement("UPDATE sa_user SET f_role = ? WHERE email = ?")) {
            ps.setString(1, role);
            ps.setString(2, email);
            assertThat(ps.executeUpdate()).isOne();
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String page(HttpClient client) throws Exception {
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(URI.create(base + "/pages/fields.jsp")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String p(String html, String id) {
        Matcher m = Pattern.compile("<p id=\"" + Pattern.quote(id) + "\">(.*?)</p>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("<p id=\"" + id + "\"> in\n" + html).isTrue();
        return m.group(1);
    }

    @Test
    void theUserTagPrintsDeclaredFieldsWithTheirDefaults() throws Exception {
        String html = page(ada);
        assertThat(p(html, "role")).isEqualTo("user");
        assertThat(p(html, "age")).as("an integral number prints without a fraction").isEqualTo("42");
        assertThat(p(html, "newsletter")).isEqualTo("true");
        assertThat(p(html, "role-var")).isEqualTo("[user]");
    }

    @Test
    void elReadsTheFieldsMapIncludingJsonValues() throws Exception {
        assertThat(p(page(ada), "el-role")).isEqualTo("user");
        assertThat(p(page(ada), "el-theme")).isEqualTo("light");
        assertThat(p(page(grace), "el-theme")).isEqualTo("dark");
    }

    @Test
    void anAbsentFieldShowsTheTagsDefault() throws Exception {
        String html = page(grace);
        assertThat(p(html, "age")).isEqualTo("unknown");
        assertThat(p(html, "newsletter")).isEqualTo("unset");
    }

    @Test
    void rolesComeFromTheRoleField() throws Exception {
        String plain = page(ada);
        assertThat(p(plain, "admin")).isEmpty();
        assertThat(p(plain, "any-role")).isEmpty();
        assertThat(p(plain, "in-role")).isEqualTo("false");

        String admin = page(grace);
        assertThat(p(admin, "role")).isEqualTo("admin, auditor");
        assertThat(p(admin, "admin")).isEqualTo("admin tools");
        assertThat(p(admin, "any-role")).isEqualTo("review tools");
        assertThat(p(admin, "in-role")).isEqualTo("true");
    }

    @Test
    void aFieldValueIsHtmlEscaped() throws Exception {
        String html = page(mallory);
        assertThat(p(html, "role")).isEqualTo("&lt;b&gt;boss&lt;/b&gt;");
        assertThat(p(html, "role-var")).as("var stores the raw value; printing it is the page's business")
                .isEqualTo("[<b>boss</b>]");
    }

    @Test
    void aVisitorSeesTheDefaultsAndNoRole() throws Exception {
        String html = page(HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
        assertThat(p(html, "role")).isEqualTo("nobody");
        assertThat(p(html, "age")).isEqualTo("unknown");
        assertThat(p(html, "role-var")).isEqualTo("[]");
        assertThat(p(html, "admin")).isEmpty();
        assertThat(p(html, "in-role")).isEqualTo("false");
    }
}
