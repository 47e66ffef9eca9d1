package dev.sessionauth.throttle;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.form;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.throttle.Traffic.WRONG;
import static dev.sessionauth.throttle.Traffic.account;
import static dev.sessionauth.throttle.Traffic.assertTooManyRequests;
import static dev.sessionauth.throttle.Traffic.atOnce;
import static dev.sessionauth.throttle.Traffic.count;
import static dev.sessionauth.throttle.Traffic.retryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per account on failed sign-ins: five wrong passwords in fifteen minutes lock it for the rest of them. */
class AccountLockTest {
    private final MutableClock clock = new MutableClock();

    private TestServer server(String... settings) {
        return TestServer.builder().shippedThrottle().clock(clock).settings(settings).start();
    }

    private static void assertWrongPassword(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightOneUntilTheWindowEnds() {
        try (TestServer server = server()) {
            String email = account(server, "victim");
            TestClient attacker = server.client();
            for (int i = 0; i < 5; i++) {
                assertWrongPassword(attacker.signIn(email, WRONG + i));
                clock.advance(Duration.ofMinutes(1));
            }

            Reply locked = attacker.signIn(email, WRONG + 5);
            assertTooManyRequests(locked);
            assertThat(locked.json().path("message").asText())
                    .isEqualTo("Too many failed sign-ins for this account; try again later, or reset your password");
            // The window opened at the first failure, five minutes ago, and lasts fifteen.
            assertThat(retryAfter(locked)).isEqualTo(Duration.ofMinutes(10).toSeconds());
            // The right password is refused as well: otherwise the lock would still tell a guess from the answer.
            Reply owner = server.client().signIn(email, PASSWORD);
            assertTooManyRequests(owner);
            assertThat(owner.setCookie("sessionauth.session_token")).isEmpty();

            clock.advance(Duration.ofMinutes(10).minusSeconds(1));
            assertTooManyRequests(server.client().signIn(email, PASSWORD));
            clock.advance(Duration.ofSeconds(1));
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownAddressIsLockedExactlyLikeARealOne() {
        try (TestServer server = server()) {
            String real = account(server, "real");
            String unknown = uniqueEmail("nobody");
            for (int i = 0; i < 5; i++) {
                Reply toReal = server.client().signIn(real, WRONG);
                Reply toUnknown = server.client().signIn(unknown, WRONG);
                assertWrongPassword(toReal);
                assertThat(toUnknown.status()).isEqualTo(toReal.status());
                assertThat(toUnknown.body()).isEqualTo(toReal.body());
            }
            Reply toReal = server.client().signIn(real, WRONG);
            Reply toUnknown = server.client().signIn(unknown, WRONG);

            assertTooManyRequests(toReal);
            assertThat(toUnknown.status()).isEqualTo(toReal.status());
            assertThat(toUnknown.body()).isEqualTo(toReal.body());
            assertThat(toUnknown.header("Retry-After")).isEqualTo(toReal.header("Retry-After"));
        }
    }

    @Test
    void theAddressCountsAsTheEngineComparesIt() {
        try (TestServer server = server()) {
            String email = account(server, "cased");
            String[] spellings = {email, email.toUpperCase(), " " + email, email + "  ", "\t" + email.toUpperCase()};
            for (String spelling : spellings) {
                assertWrongPassword(server.client().signIn(spelling, WRONG));
            }
            assertTooManyRequests(server.client().signIn(email, PASSWORD));
        }
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        try (TestServer server = server()) {
            String email = account(server, "typo");
            for (int i = 0; i < 4; i++) {
                assertWrongPassword(server.client().signIn(email, WRONG));
            }
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);
            for (int i = 0; i < 4; i++) {
                assertWrongPassword(server.client().signIn(email, WRONG));
            }
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);

            for (int i = 0; i < 5; i++) {
                assertWrongPassword(server.client().signIn(email, WRONG));
            }
            assertTooManyRequests(server.client().signIn(email, PASSWORD));
        }
    }

    @Test
    void anotherAccountSignsInFromTheSameAddressWhileOneIsLocked() {
        try (TestServer server = server()) {
            String victim = account(server, "guessed");
            String other = account(server, "other");
            TestClient sharedAddress = server.client();
            for (int i = 0; i < 5; i++) {
                assertWrongPassword(sharedAddress.signIn(victim, WRONG));
            }
            assertTooManyRequests(sharedAddress.signIn(victim, PASSWORD));

            Reply in = sharedAddress.signIn(other, PASSWORD);
            assertThat(in.status()).as(in.body()).isEqualTo(200);
            assertThat(sharedAddress.getSession().json().path("user").path("email").asText()).isEqualTo(other);
        }
    }

    @Test
    void eightConcurrentCorrectSignInsOfOneAccountAllSucceed() {
        try (TestServer server = server()) {
            String email = account(server, "devices");
            List<Reply> replies = atOnce(8, () -> server.client().signIn(email, PASSWORD));

            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            assertThat(replies.stream().map(r -> r.json().path("token").asText()).distinct()).hasSize(8);
        }
    }

    @Test
    void concurrentGuessesAreCheckedOneAtATimeSoExactlyFiveAreAnswered() {
        // One hashing slot: each guess re-checks the lock once it holds the slot, after the last one was counted.
        try (TestServer server = server("password.maxConcurrentHashes", "1")) {
            String email = account(server, "burst");
            List<Reply> replies = atOnce(20, () -> server.client().signIn(email, WRONG));

            assertThat(count(replies, 401)).isEqualTo(5);
            assertThat(count(replies, 429)).isEqualTo(15);
            replies.stream().filter(r -> r.status() != 401).forEach(Traffic::assertTooManyRequests);
        }
    }

    @Test
    void withSeveralHashingSlotsABurstGetsAtMostOneGuessPerOtherSlotBeyondTheLimit() {
        try (TestServer server = server("password.maxConcurrentHashes", "4")) {
            String email = account(server, "slots");
            List<Reply> replies = atOnce(24, () -> server.client().signIn(email, WRONG));

            assertThat(count(replies, 401)).isBetween(5L, 5L + 4 - 1);
            assertThat(count(replies, 401) + count(replies, 429)).isEqualTo(24);
        }
    }

    @Test
    void twoHundredWrongPasswordsInARowGetFiveAnswersAWindow() {
        try (TestServer server = server()) {
            String email = account(server, "hammered");
            TestClient attacker = server.client();
            int answered = 0;
            int refused = 0;
            long started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                Reply r = attacker.signIn(email, WRONG + i);
                if (r.status() == 401) {
                    answered++;
                } else {
                    assertTooManyRequests(r);
                    refused++;
                }
                // 200 guesses spread over the first window: one every four seconds.
                clock.advance(Duration.ofMillis(4_400));
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(answered).isEqualTo(5);
            assertThat(refused).isEqualTo(195);
            System.out.printf("[throttle] 200 wrong passwords for one account: %d checked, %d refused, in %.1f s"
                    + " (the refusals cost no bcrypt)%n", answered, refused, seconds);
        }
    }

    @Test
    void aLockedFormSignInGoesBackToItsErrorCallbackWithTheCode() {
        try (TestServer server = server()) {
            String email = account(server, "formlocked");
            for (int i = 0; i < 5; i++) {
                assertWrongPassword(server.client().signIn(email, WRONG));
            }
            Reply in = server.client().postForm(SIGN_IN, form("email", email, "password", PASSWORD,
                    "callbackURL", "/home", "errorCallbackURL", "/login"));

            assertThat(in.status()).as(in.body()).isEqualTo(302);
            assertThat(in.header("Location")).hasValue("/login?email="
                    + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8) + "&error=TOO_MANY_REQUESTS");
            assertThat(in.header("Retry-After")).hasValue(Long.toString(Duration.ofMinutes(15).toSeconds()));
            assertThat(in.setCookie("sessionauth.session_token")).isEmpty();
        }
    }

    @Test
    void otherFailuresThanAWrongPasswordAreNotCounted() {
        try (TestServer server = server()) {
            String email = account(server, "malformed");
            for (int i = 0; i < 10; i++) {
                assertThat(server.client().post(SIGN_IN, "{\"email\":\"" + email + "\"}").status()).isEqualTo(400);
            }
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void aSmallerLimitAndALongerWindowAreHonoured() {
        try (TestServer server = server("rateLimit.signIn.maxFailures", "2", "rateLimit.signIn.window", "1h")) {
            String email = account(server, "strict");
            assertWrongPassword(server.client().signIn(email, WRONG));
            assertWrongPassword(server.client().signIn(email, WRONG));
            Reply locked = server.client().signIn(email, PASSWORD);
            assertTooManyRequests(locked);
            assertThat(retryAfter(locked)).isEqualTo(3600);
        }
    }

    @Test
    void rateLimitEnabledFalseChecksEveryGuess() {
        try (TestServer server = server("rateLimit.enabled", "false")) {
            String email = account(server, "open");
            for (int i = 0; i < 8; i++) {
                assertWrongPassword(server.client().signIn(email, WRONG));
            }
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);
        }
    }
}
