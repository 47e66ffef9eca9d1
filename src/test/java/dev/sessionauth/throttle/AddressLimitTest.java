package dev.sessionauth.throttle;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SEND_VERIFICATION;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.SIGN_UP;
import static dev.sessionauth.testing.Accounts.form;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.throttle.Traffic.assertTooManyRequests;
import static dev.sessionauth.throttle.Traffic.from;
import static dev.sessionauth.throttle.Traffic.retryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per client address on the auth API: generous for everything, tight for sign-up and send-verification-email. */
class AddressLimitTest {
    private final MutableClock clock = new MutableClock();

    private TestServer server(String... settings) {
        return TestServer.builder().shippedThrottle().clock(clock).settings(settings).start();
    }

    @Test
    void theHundredAndFirstApiRequestWithinTenSecondsIs429WithRetryAfter() {
        try (TestServer server = server()) {
            TestClient browser = server.client();
            for (int i = 0; i < 100; i++) {
                assertThat(browser.getSession().status()).as("request %d", i + 1).isEqualTo(200);
            }
            Reply refused = browser.getSession();
            assertTooManyRequests(refused);
            assertThat(refused.json().path("message").asText()).isEqualTo("Too many requests from your address; try"
                    + " again later");
            // The allowance refills continuously: one request every 100 ms.
            assertThat(retryAfter(refused)).isEqualTo(1);

            clock.advance(Duration.ofMillis(100));
            assertThat(browser.getSession().status()).isEqualTo(200);
            assertTooManyRequests(browser.getSession());

            clock.advance(Duration.ofSeconds(10));
            for (int i = 0; i < 100; i++) {
                assertThat(browser.getSession().status()).as("after the window, request %d", i + 1).isEqualTo(200);
            }
        }
    }

    @Test
    void unknownEndpointsCountButTheAppsOwnPagesDoNot() {
        try (TestServer server = server("rateLimit.max", "3")) {
            TestClient browser = server.client();
            for (int i = 0; i < 50; i++) {
                assertThat(browser.get("/some/page").status()).isEqualTo(200);
            }
            assertThat(browser.get("/api/auth/no-such-endpoint").status()).isEqualTo(404);
            assertThat(browser.post(GET_SESSION, "{}").status()).isEqualTo(405);
            assertThat(browser.getSession().status()).isEqualTo(200);
            assertTooManyRequests(browser.getSession());
        }
    }

    @Test
    void fiftySignUpsInOneBurstFromOneAddressCreateThirtyAccounts() {
        try (TestServer server = server()) {
            List<Integer> statuses = new ArrayList<>();
            Reply last = null;
            for (int i = 0; i < 50; i++) {
                last = server.client().signUp("Bot", uniqueEmail("burst"), PASSWORD);
                statuses.add(last.status());
            }

            assertThat(statuses.subList(0, 30)).containsOnly(200);
            assertThat(statuses.subList(30, 50)).containsOnly(429);
            assertTooManyRequests(last);
            // 30 a minute: the next one two seconds after the allowance ran out.
            assertThat(retryAfter(last)).isEqualTo(2);
            assertThat(server.count("SELECT COUNT(*) FROM sa_user")).isEqualTo(30);

            clock.advance(Duration.ofSeconds(2));
            assertThat(server.client().signUp("Bot", uniqueEmail("later"), PASSWORD).status()).isEqualTo(200);
            assertTooManyRequests(server.client().signUp("Bot", uniqueEmail("later"), PASSWORD));
        }
    }

    @Test
    void twentySignUpsAMinuteFromOneAddressAreAllAcceptedMinuteAfterMinute() {
        try (TestServer server = server()) {
            // A classroom behind one NAT address, for three minutes running.
            for (int i = 0; i < 60; i++) {
                Reply up = server.client().signUp("Pupil", uniqueEmail("class"), PASSWORD);
                assertThat(up.status()).as("sign-up %d: %s", i + 1, up.body()).isEqualTo(200);
                clock.advance(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void sendVerificationEmailHasItsOwnTightAllowanceBesideSignUps() {
        try (TestServer server = server()) {
            TestClient browser = server.client();
            for (int i = 0; i < 30; i++) {
                Reply sent = browser.post(SEND_VERIFICATION, "{\"email\":\"" + uniqueEmail("mail") + "\"}");
                assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            }
            assertTooManyRequests(browser.post(SEND_VERIFICATION, "{\"email\":\"x@example.com\"}"));
            // Sign-ups from the same address are counted apart, and the rest of the API is not tight at all.
            assertThat(browser.signUp("Still", uniqueEmail("still"), PASSWORD).status()).isEqualTo(200);
            assertThat(browser.getSession().status()).isEqualTo(200);
        }
    }

    @Test
    void aFormOverTheStrictAllowanceGoesBackToItsErrorCallbackAndOneOverAllTrafficIsRefusedUnread() {
        try (TestServer server = server("rateLimit.strict.max", "1", "rateLimit.max", "3")) {
            TestClient browser = server.client();
            Reply first = browser.postForm(SIGN_UP, form("name", "Form", "email", uniqueEmail("form"),
                    "password", PASSWORD, "callbackURL", "/welcome", "errorCallbackURL", "/signup"));
            assertThat(first.status()).as(first.body()).isEqualTo(302);
            assertThat(first.header("Location")).hasValue("/welcome");

            Reply second = browser.postForm(SIGN_UP, form("name", "Form", "email", uniqueEmail("form"),
                    "password", PASSWORD, "callbackURL", "/welcome", "errorCallbackURL", "/signup?step=1"));
            assertThat(second.status()).as(second.body()).isEqualTo(302);
            assertThat(second.header("Location").orElseThrow()).startsWith("/signup?step=1&name=Form&email=")
                    .endsWith("&error=TOO_MANY_REQUESTS");
            assertThat(second.header("Retry-After")).isPresent();
            assertThat(second.setCookie("sessionauth.session_token")).isEmpty();

            // Past the allowance for all traffic the body is never read, so its errorCallbackURL is never seen: the
            // refusal is the 429 itself, and the connection ends with it.
            assertThat(browser.getSession().status()).isEqualTo(200);
            Reply signIn = browser.postForm(SIGN_IN, form("email", "a@example.com", "password", PASSWORD,
                    "errorCallbackURL", "/login"));
            assertTooManyRequests(signIn);
            assertThat(signIn.header("Connection")).hasValue("close");
        }
    }

    @Test
    void withoutTrustProxyAnXForwardedForHeaderChoosesNothing() {
        try (TestServer server = server("rateLimit.max", "5")) {
            for (int i = 0; i < 5; i++) {
                assertThat(from(server, "203.0.113." + i).getSession().status()).isEqualTo(200);
            }
            assertTooManyRequests(from(server, "198.51.100.77").getSession());
            assertTooManyRequests(server.client().getSession());
        }
    }

    @Test
    void behindATrustedProxyEachClientAddressHasItsOwnAllowance() {
        try (TestServer server = server("trustProxy", "true", "rateLimit.max", "5")) {
            for (int i = 0; i < 5; i++) {
                assertThat(from(server, "203.0.113.1").getSession().status()).isEqualTo(200);
            }
            assertTooManyRequests(from(server, "203.0.113.1").getSession());
            // What the client writes left of the address our proxy appended is not its address.
            assertTooManyRequests(from(server, "10.9.8.7, 203.0.113.1").getSession());
            assertTooManyRequests(from(server, "203.0.113.1:50123").getSession());

            assertThat(from(server, "203.0.113.2").getSession().status()).isEqualTo(200);
            assertThat(from(server, "203.0.113.1, 203.0.113.3").getSession().status()).isEqualTo(200);
        }
    }

    @Test
    void aForwardedForLineTheClientSentAheadOfTheProxysLineIsIgnored() {
        try (TestServer server = server("trustProxy", "true", "rateLimit.max", "2")) {
            // HAProxy adds its own X-Forwarded-For line after whatever the client sent.
            TestClient forger = server.client();
            for (int i = 0; i < 2; i++) {
                Reply r = forger.get(GET_SESSION, "X-Forwarded-For", "198.51.100." + i,
                        "X-Forwarded-For", "203.0.113.50");
                assertThat(r.status()).isEqualTo(200);
            }
            assertTooManyRequests(forger.get(GET_SESSION, "X-Forwarded-For", "198.51.100.99",
                    "X-Forwarded-For", "203.0.113.50"));

            TestClient honest = server.client();
            Reply up = honest.post(SIGN_UP, "{\"name\":\"P\",\"email\":\"" + uniqueEmail("proxied") + "\",\"password\":\""
                    + PASSWORD + "\"}", "X-Forwarded-For", "198.51.100.1", "X-Forwarded-For", "203.0.113.60");
            assertThat(up.status()).as(up.body()).isEqualTo(200);
            Reply session = honest.get(GET_SESSION, "X-Forwarded-For", "203.0.113.60");
            assertThat(session.json().path("session").path("ipAddress").asText()).isEqualTo("203.0.113.60");
        }
    }

    @Test
    void ipv6ClientsCountPerSlash64() {
        try (TestServer server = server("trustProxy", "true", "rateLimit.max", "3")) {
            assertThat(from(server, "2001:db8:1:2::a").getSession().status()).isEqualTo(200);
            assertThat(from(server, "2001:0db8:0001:0002:0000:0000:0000:000b").getSession().status()).isEqualTo(200);
            assertThat(from(server, "[2001:db8:1:2:ffff::1]:443").getSession().status()).isEqualTo(200);
            assertTooManyRequests(from(server, "2001:db8:1:2:dead:beef:0:1").getSession());

            assertThat(from(server, "2001:db8:1:3::a").getSession().status()).isEqualTo(200);
            assertThat(from(server, "::ffff:203.0.113.9").getSession().status()).isEqualTo(200);
        }
    }

    @Test
    void rateLimitEnabledFalseSwitchesThrottlingOff() {
        try (TestServer server = server("rateLimit.enabled", "false")) {
            TestClient browser = server.client();
            for (int i = 0; i < 150; i++) {
                assertThat(browser.getSession().status()).isEqualTo(200);
            }
            for (int i = 0; i < 35; i++) {
                assertThat(browser.post(SIGN_UP, "{}").status()).isEqualTo(400);
            }
        }
    }
}
