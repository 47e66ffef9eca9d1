package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an attacker or a broken client sends to the social endpoints: malformed bodies, wrong types, oversized and
 * control-character values, reserved authorization parameters, repeated or garbage callback parameters and state
 * cookies. Every answer is a 4xx in our words or, at the callback, a redirect with an error code; never a 500, never a
 * stack trace or library name, never a session, never a reflected script.
 */
class SocialHostileInputTest {
    private static final Pattern LEAK = Pattern.compile(
            "exception|jackson|com\\.fasterxml|nimbus|org\\.eclipse|\\bjava\\.|\\bjakarta\\.|caused by",
            Pattern.CASE_INSENSITIVE);
    private static final String HUGE = "x".repeat(20_000);

    private static SocialIdp idp;
    private static TestServer server;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        server = TestServer.start(idp.bothProviders());
        SocialTests.awaitProviders(server, SocialIdp.IDP);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.close();
    }

    @Test
    void malformedStartsAreRefusedInOurWords() {
        List<String> bodies = List.of("{", "[]", "\"idp\"", "{\"provider\":1}", "{\"provider\":null}",
                "{\"provider\":\"idp\",\"provider\":\"forge\"}", "{\"provider\":\"" + HUGE + "\"}",
                "{\"provider\":\"../../etc/passwd\"}", "{\"provider\":\"idp\",\"scopes\":\"openid\"}",
                "{\"provider\":\"idp\",\"scopes\":[1]}", "{\"provider\":\"idp\",\"scopes\":[\"a b\"]}",
                "{\"provider\":\"idp\",\"idToken\":\"x\"}", "{\"provider\":\"idp\",\"idToken\":{\"token\":1}}",
                "{\"provider\":\"idp\",\"idToken\":{}}", "{\"provider\":\"idp\",\"idToken\":{\"token\":\"a.b.c\"}}",
                "{\"provider\":\"idp\",\"idToken\":{\"token\":\"" + HUGE + "\"}}",
                "{\"provider\":\"idp\",\"additionalParams\":{\"a\":1}}",
                "{\"provider\":\"idp\",\"additionalParams\":{\"state\":\"mine\"}}",
                "{\"provider\":\"idp\",\"additionalParams\":{\"prompt\":\"everything\"}}",
                "{\"provider\":\"idp\",\"additionalParams\":[]}", "{\"provider\":\"idp\",\"loginHint\":\"a\\u0000b\"}",
                "{\"provider\":\"idp\",\"loginHint\":\"" + HUGE + "\"}", "{\"provider\":\"idp\",\"rememberMe\":\"yes\"}",
                "{\"provider\":\"idp\",\"callbackURL\":\"javascript:alert(1)\"}",
                "{\"provider\":\"idp\",\"callbackURL\":\"//evil.example/\"}",
                "{\"provider\":\"idp\",\"errorCallbackURL\":\"https://evil.example/\"}",
                "{\"provider\":\"idp\",\"newUserCallbackURL\":\"/\\\\evil.example\"}",
                "{\"provider\":\"idp\",\"disableRedirect\":\"no\"}", "{\"provider\":\"idp\",\"additionalData\":3}");
        List<String> problems = new ArrayList<>();
        for (String body : bodies) {
            TestClient client = server.client();
            Reply reply = client.post(SocialIdp.SIGN_IN, body);
            if (reply.status() < 400 || reply.status() >= 500 || LEAK.matcher(reply.body()).find()
                    || !reply.json().has("code") || client.cookie(Accounts.TOKEN_COOKIE).isPresent()) {
                problems.add(reply.status() + " " + reply.body() + " for " + shortened(body));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void onlyStartsThatReachAProviderSpendTheAddresssAllowance() {
        try (TestServer tight = TestServer.start(idp.bothProviders("rateLimit.strict.max", "3"))) {
            // Waiting for the provider spends one start: its 503s while the discovery loads spend none.
            SocialTests.awaitProviders(tight, SocialIdp.IDP);
            for (int i = 0; i < 5; i++) {
                assertThat(tight.client().post(SocialIdp.SIGN_IN, "{\"provider\":\"nowhere\"}").status())
                        .as("an unknown provider writes nothing and costs nothing").isEqualTo(404);
            }
            String start = "{\"provider\":\"" + SocialIdp.IDP + "\",\"disableRedirect\":true}";
            assertThat(tight.client().post(SocialIdp.SIGN_IN, start).status()).isEqualTo(200);
            assertThat(tight.client().post(SocialIdp.SIGN_IN, start).status()).isEqualTo(200);
            Reply third = tight.client().post(SocialIdp.SIGN_IN, start);
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        }
    }

    @Test
    void garbageAtTheCallbackEndsInARedirectWithAnErrorCode() {
        List<String> queries = List.of("", "?state=", "?state=a&state=b", "?code=a&code=b&state=s",
                "?state=" + HUGE.substring(0, 5000),
                "?state=s&code=c&iss=%00", "?state=s&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "?state=s&error=access_denied&error_description=%3Cscript%3E", "?code=c", "?state=s&code=c");
        List<String> cookies = List.of("", "garbage", "a.b.c", HUGE.substring(0, 1500), "AQ");
        List<String> problems = new ArrayList<>();
        for (String query : queries) {
            for (String cookie : cookies) {
                TestClient client = server.client();
                if (!cookie.isEmpty()) {
                    client.putCookie(SocialBrowser.STATE_COOKIE, cookie);
                }
                Reply reply = client.get("/api/auth/callback/" + SocialIdp.IDP + query);
                String location = reply.header("Location").orElse("");
                if (reply.status() != 302 || !location.matches("/\\?error=[a-z_]+") || reply.setCookie(
                        Accounts.TOKEN_COOKIE).isPresent()) {
                    problems.add(reply.status() + " " + location + " " + reply.body() + " for " + shortened(query)
                            + " with cookie " + shortened(cookie));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(idp.tokenRequests()).isZero();
    }

    @Test
    void malformedFormPostsAndAccountRequestsAreRefusedInOurWords() {
        SignedInUser user = Accounts.signUp(server, "hostile");
        List<Reply> replies = new ArrayList<>();
        replies.add(server.client().post("/api/auth/callback/" + SocialIdp.IDP, "{\"code\":1}"));
        replies.add(server.client().postForm("/api/auth/callback/" + SocialIdp.IDP, "code=a&code=b"));
        replies.add(server.client().postForm("/api/auth/callback/..%2F..%2Fetc", "code=a"));
        replies.add(server.client().post("/api/auth/link-social", "{\"provider\":\"idp\"}"));
        replies.add(server.client().post("/api/auth/unlink-account", "{\"accountId\":\"x\"}"));
        replies.add(user.browser().post("/api/auth/link-social", "{\"provider\":[]}"));
        replies.add(user.browser().post("/api/auth/link-social", "{\"provider\":\"idp\",\"newUserCallbackURL\":\"/\"}"));
        replies.add(user.browser().post("/api/auth/unlink-account", "{}"));
        replies.add(user.browser().post("/api/auth/unlink-account", "{\"accountId\":{}}"));
        replies.add(user.browser().request("DELETE", "/api/auth/list-accounts", null));
        replies.add(server.client().request("HEAD", "/api/auth/callback/" + SocialIdp.IDP + "?state=s&code=c", null));
        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
            assertThat(reply.body()).doesNotContainPattern(LEAK);
        }
    }

    private static String shortened(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
