package dev.sessionauth.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What the account-lifecycle tests share: the endpoints, a signed-up account, and reading the database. */
final class Accounts {
    static final String BASE = "/api/auth";
    static final String CHANGE_PASSWORD = BASE + "/change-password";
    static final String REQUEST_RESET = BASE + "/request-password-reset";
    static final String RESET = BASE + "/reset-password";
    static final String CHANGE_EMAIL = BASE + "/change-email";
    static final String DELETE_USER = BASE + "/delete-user";
    static final String SIGN_OUT = BASE + "/sign-out";
    static final String PASSWORD = "plum tractor lantern";
    static final String NEW_PASSWORD = "velvet-otter-42";

    private Accounts() {
    }

    /** A signed-up user and the browser they signed up in. */
    record Account(String id, String email, TestClient browser) {
        /** Another browser of the same user, signed in with {@code password}. */
        TestClient signInElsewhere(TestServer server, String password) {
            TestClient other = server.client();
            Reply r = other.signIn(email, password);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return other;
        }
    }

    static String uniqueEmail(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    static Account signUp(TestServer server, String hint) {
        String email = uniqueEmail(hint);
        TestClient browser = server.client();
        Reply r = browser.signUp("Ada", email, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new Account(r.json().path("user").path("id").asText(), email, browser);
    }

    static String json(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return TestClient.json(map);
    }

    /** An urlencoded form body; values are encoded. */
    static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(b.isEmpty() ? "" : "&").append(pairs[i]).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** Whether the browser has a live session (get-session answers a session, not null). */
    static boolean signedIn(TestClient browser) {
        Reply r = browser.getSession();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return !r.json().isNull();
    }

    /** The session's CSRF token, as a page rendering {@code <auth:csrfInput/>} would get it. */
    static String csrfToken(TestClient browser) {
        JsonNode page = browser.get("/app/page").json();
        assertThat(page.path("signedIn").asBoolean()).as(page.toString()).isTrue();
        return page.path("csrfToken").asText();
    }

    static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
    }

    static long rows(TestServer server, String table, String column, String value) {
        return server.count("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", value);
    }

    /** The path and query of a mailed link, to open it on the test server. */
    static String pathOf(TestServer server, String link) {
        assertThat(link).startsWith(server.origin());
        return link.substring(server.origin().length());
    }
}
