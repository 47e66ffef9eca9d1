package dev.sessionauth.filter;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * One commit point for the browser's cookies: whatever the engine decides along a request (the sliding refresh of the
 * session it presents, then the endpoint's own decision: a new session, a cleared one, a fresh jwt cache), the answer
 * carries at most one {@code Set-Cookie} per cookie name. Every endpoint of the API and a page, each on a session
 * whose refresh is due, under both strategies.
 */
@ParameterizedClass
@ValueSource(strings = {"database", "jwt"})
class OneSetCookiePerNameTest {
    @Parameter
    String strategy;

    private static List<String> names(Reply r) {
        List<String> names = new ArrayList<>();
        for (String header : r.allHeaders("Set-Cookie")) {
            names.add(header.substring(0, header.indexOf('=')));
        }
        return names;
    }

    @Test
    void noAnswerCarriesTwoSetCookieForOneCookie() {
        MutableClock clock = new MutableClock();
        try (TestServer server = TestServer.builder().clock(clock).set("session.strategy", strategy)
                .set("protected", "/app/**").set("session.updateAge", "1h").start()) {
            Map<String, Function<SignedInUser, Reply>> calls = new LinkedHashMap<>();
            calls.put("page", u -> u.browser().get("/app/page"));
            calls.put("get-session", u -> u.browser().getSession());
            calls.put("list-sessions", u -> u.browser().get("/api/auth/list-sessions"));
            calls.put("refresh-session", u -> u.browser().post("/api/auth/refresh-session", "{}"));
            calls.put("update-session", u -> u.browser().post("/api/auth/update-session", "{}"));
            calls.put("update-user", u -> u.browser().post("/api/auth/update-user", "{\"name\":\"Renamed\"}"));
            calls.put("revoke-other-sessions", u -> u.browser().post("/api/auth/revoke-other-sessions", "{}"));
            calls.put("revoke-sessions", u -> u.browser().post("/api/auth/revoke-sessions", "{}"));
            calls.put("revoke-session (own)", u -> u.browser().post("/api/auth/revoke-session", "{\"token\":\""
                    + u.browser().getSession().json().path("session").path("id").asText() + "\"}"));
            calls.put("change-password", u -> u.browser().post("/api/auth/change-password", TestClient.json(Map.of(
                    "currentPassword", PASSWORD, "newPassword", "a brand new password", "revokeOtherSessions", true))));
            calls.put("change-email", u -> u.browser().post("/api/auth/change-email", TestClient.json(Map.of(
                    "newEmail", Accounts.uniqueEmail("moved"), "password", PASSWORD))));
            calls.put("delete-user", u -> u.browser().post("/api/auth/delete-user",
                    TestClient.json(Map.of("password", PASSWORD))));
            calls.put("sign-in again", u -> u.browser().signIn(u.email(), PASSWORD));
            calls.put("sign-out", u -> u.browser().post("/api/auth/sign-out", "{}"));
            calls.forEach((name, call) -> {
                SignedInUser user = Accounts.signUp(server, "cookies");
                clock.advance(Duration.ofHours(2));
                Reply r = call.apply(user);
                assertThat(r.status()).as(name + ": " + r.body()).isLessThan(400);
                assertThat(names(r)).as(name + " under " + strategy + ": " + r.allHeaders("Set-Cookie"))
                        .doesNotHaveDuplicates();
            });
        }
    }
}
