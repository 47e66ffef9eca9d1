package dev.sessionauth.lifecycle;

import dev.sessionauth.testing.SignedInUser;
import static dev.sessionauth.testing.Accounts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Wrong current passwords count against the account like failed sign-ins (one count for both): a stolen session
 * cannot guess the password faster than the sign-in form, and a locked account refuses even the right one.
 */
class ChangePasswordThrottleTest {

    @Test
    void wrongCurrentPasswordsLockTheAccountForChangesAndSignInsAlike() {
        try (TestServer server = TestServer.builder().shippedThrottle().set("rateLimit.signIn.maxFailures", "3")
                .start()) {
            SignedInUser ann = signUp(server, "guess");
            for (int i = 0; i < 3; i++) {
                assertError(ann.browser().post(CHANGE_PASSWORD, json("currentPassword", "guess " + i,
                        "newPassword", NEW_PASSWORD)), 400, "INVALID_PASSWORD");
            }

            Reply locked = ann.browser().post(CHANGE_PASSWORD, json("currentPassword", PASSWORD,
                    "newPassword", NEW_PASSWORD));
            assertError(locked, 429, "TOO_MANY_REQUESTS");
            assertThat(locked.header("Retry-After")).isPresent();
            assertError(server.client().signIn(ann.email(), PASSWORD), 429, "TOO_MANY_REQUESTS");
            assertError(ann.browser().post(DELETE_USER, json("password", PASSWORD)), 429, "TOO_MANY_REQUESTS");
            assertThat(server.client().signIn(ann.email(), NEW_PASSWORD).status())
                    .as("the password did not change").isEqualTo(429);
        }
    }

    @Test
    void failedSignInsCountTowardsTheLockOfPasswordChanges() {
        try (TestServer server = TestServer.builder().shippedThrottle().set("rateLimit.signIn.maxFailures", "2")
                .start()) {
            SignedInUser ann = signUp(server, "shared");
            assertError(server.client().signIn(ann.email(), "nope 1"), 401, "INVALID_EMAIL_OR_PASSWORD");
            assertError(server.client().signIn(ann.email(), "nope 2"), 401, "INVALID_EMAIL_OR_PASSWORD");

            assertError(ann.browser().post(CHANGE_PASSWORD, json("currentPassword", PASSWORD,
                    "newPassword", NEW_PASSWORD)), 429, "TOO_MANY_REQUESTS");
        }
    }
}
