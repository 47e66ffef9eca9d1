package dev.sessionauth.lifecycle;

import static dev.sessionauth.testing.Accounts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.Test;

/** request-password-reset sends mail to any address it is given: it is in the strict per-address class. */
class PasswordResetThrottleTest {

    @Test
    void requestsFromOneAddressAreCappedByTheStrictLimit() {
        try (TestServer server = TestServer.builder().shippedThrottle().set("rateLimit.strict.max", "3")
                .set("mail.sender", Mailbox.class.getName()).start()) {
            TestClient client = server.client();
            for (int i = 0; i < 3; i++) {
                assertThat(client.post(REQUEST_RESET, json("email", uniqueEmail("flood"))).status()).isEqualTo(200);
            }
            Reply refused = client.post(REQUEST_RESET, json("email", uniqueEmail("flood")));
            assertError(refused, 429, "TOO_MANY_REQUESTS");
            assertThat(refused.header("Retry-After")).isPresent();
            // Other endpoints keep the general allowance.
            assertThat(client.getSession().status()).isEqualTo(200);
        }
    }
}
