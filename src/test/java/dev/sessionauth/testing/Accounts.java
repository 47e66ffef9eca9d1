package dev.sessionauth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.TestClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What every HTTP test needs to have someone signed in: the API's paths and cookie names, a password that is on
 * no common-passwords list, addresses no other test uses, JSON and form bodies, and signing up through the API.
 */
public final class Accounts {
    public static final String SIGN_UP = "/api/auth/sign-up/email";
    public static final String SIGN_IN = "/api/auth/sign-in/email";
    public static final String SIGN_OUT = "/api/auth/sign-out";
    public static final String GET_SESSION = "/api/auth/get-session";
    public static final String LIST_SESSIONS = "/api/auth/list-sessions";
    public static final String UPDATE_USER = "/api/auth/update-user";
    public static final String UPDATE_SESSION = "/api/auth/update-session";
    public static final String SEND_VERIFICATION = "/api/auth/send-verification-email";
    public static final String VERIFY = "/api/auth/verify-email";
    public static final String CHANGE_PASSWORD = "/api/auth/change-password";
    public static final String REQUEST_RESET = "/api/auth/request-password-reset";
    public static final String RESET = "/api/auth/reset-password";
    public static final String CHANGE_EMAIL = "/api/auth/change-email";
    public static final String DELETE_USER = "/api/auth/delete-user";

    public static final String TOKEN_COOKIE = "sessionauth.session_token";
    public static final String DATA_COOKIE = "sessionauth.session_data";

    public static final String PASSWORD = "correct horse battery staple";
    /** A second good password, for changes and resets. */
    public static final String NEW_PASSWORD = "velvet-otter-42";

    private Accounts() {
    }

    /** An e-mail address (lower case, as stored) that no other test uses. */
    public static String uniqueEmail(String hint) {
        return hint.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** A JSON object from name/value pairs; values may be null, maps, lists. */
    public static String json(Object... nameValuePairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return TestClient.json(map);
    }

    /** An {@code application/x-www-form-urlencoded} body from name/value pairs. */
    public static String form(String... nameValuePairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** A sign-up body for {@code email} (name Ada, the tests' password) with the given extra fields. */
    public static String signUpBody(String email, Object... extra) {
        Object[] pairs = new Object[6 + extra.length];
        pairs[0] = "name";
        pairs[1] = "Ada";
        pairs[2] = "email";
        pairs[3] = email;
        pairs[4] = "password";
        pairs[5] = PASSWORD;
        System.arraycopy(extra, 0, pairs, 6, extra.length);
        return json(pairs);
    }

    /** Signs {@code email} up in a new browser with the given extra fields; the browser is then signed in. */
    public static TestClient signedUp(TestServer server, String email, Object... extra) {
        TestClient browser = server.client();
        Reply up = browser.post(SIGN_UP, signUpBody(email, extra));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        return browser;
    }

    /** Signs a new, unique account up in a new browser, which is then signed in. */
    public static SignedInUser signUp(TestServer server, String hint) {
        return signUp(server.client(), uniqueEmail(hint));
    }

    /** Signs {@code email} up in {@code browser}, which is then signed in; fails the test unless that worked. */
    public static SignedInUser signUp(TestClient browser, String email) {
        Reply up = browser.signUp("User " + email.substring(0, email.indexOf('@')), email, PASSWORD);
        assertThat(up.status()).as("sign-up of %s: %s", email, up.body()).isEqualTo(200);
        return new SignedInUser(browser, email, PASSWORD, up.json().path("token").asText(),
                up.json().path("user").path("id").asText());
    }

    /** Signs an existing account in from a new browser; fails the test unless that worked. */
    public static SignedInUser signIn(TestServer server, String email) {
        TestClient browser = server.client();
        Reply in = browser.signIn(email, PASSWORD);
        assertThat(in.status()).as("sign-in of %s: %s", email, in.body()).isEqualTo(200);
        return new SignedInUser(browser, email, PASSWORD, in.json().path("token").asText(),
                in.json().path("user").path("id").asText());
    }

    /** Marks the user with this address verified, directly in the server's database. */
    public static void markVerified(TestServer server, String email) {
        if (server.update("UPDATE sa_user SET email_verified = TRUE WHERE email = ?", email) != 1) {
            throw new IllegalStateException("no user " + email);
        }
    }

    /** Whether the browser has a live session (get-session answers a session, not null). */
    public static boolean signedIn(TestClient browser) {
        Reply r = browser.getSession();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return !r.json().isNull();
    }

    /** The session's CSRF token, as a page rendering {@code <auth:csrfInput/>} would get it (the echo at /app/page). */
    public static String csrfToken(TestClient browser) {
        JsonNode page = browser.get("/app/page").json();
        assertThat(page.path("signedIn").asBoolean()).as(page.toString()).isTrue();
        return page.path("csrfToken").asText();
    }

    /** Asserts an error answer: its status and Better Auth's {@code code}. */
    public static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
    }

    /** The {@code Location} of a redirect, which it must be. */
    public static String location(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return r.header("Location").orElseThrow();
    }

    /** How many rows of {@code table} have {@code column = value}. */
    public static long rows(TestServer server, String table, String column, String value) {
        return server.count("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", value);
    }

    /** The path and query of a mailed link, to open it on the test server. */
    public static String pathOf(TestServer server, String link) {
        assertThat(link).startsWith(server.origin());
        return link.substring(server.origin().length());
    }
}
