package dev.sessionauth.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What the custom-field tests share: paths, unique addresses, JSON bodies with nulls, the error shape. */
final class Fields {
    static final String SIGN_UP = "/api/auth/sign-up/email";
    static final String SIGN_IN = "/api/auth/sign-in/email";
    static final String GET_SESSION = "/api/auth/get-session";
    static final String LIST_SESSIONS = "/api/auth/list-sessions";
    static final String UPDATE_USER = "/api/auth/update-user";
    static final String UPDATE_SESSION = "/api/auth/update-session";
    static final String TOKEN_COOKIE = "sessionauth.session_token";
    static final String PASSWORD = "correct horse battery staple";

    /** The seed's CustomUser { role; preferences } plus one field of every other type. */
    static final String USER_FIELDS = "role:string:default=user, preferences:json:input:default={\"theme\":\"light\"},"
            + " age:number:input, newsletter:boolean:input:required, nickname:string:input";
    static final String SESSION_FIELDS = "device:string:input, trusted:boolean:default=false, score:number:input";

    private Fields() {
    }

    static String uniqueEmail(String hint) {
        return hint.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** A JSON object from name/value pairs; values may be null, maps, lists. */
    static String json(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return TestClient.json(map);
    }

    /** A sign-up body with the given extra fields. */
    static String signUpBody(String email, Object... extra) {
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

    static void assertBadRequest(Reply r, String... messageParts) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(r.json().path("message").asText()).contains(messageParts);
    }

    static JsonNode ok(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Signs up in a new browser with the given extra fields; the browser is then signed in. */
    static TestClient signedUp(TestServer server, String email, Object... extra) {
        TestClient browser = server.client();
        ok(browser.post(SIGN_UP, signUpBody(email, extra)));
        return browser;
    }
}
