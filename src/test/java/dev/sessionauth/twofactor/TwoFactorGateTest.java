package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.form;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.twofactor.TwoFactorClient.PENDING_COOKIE;
import static dev.sessionauth.twofactor.TwoFactorClient.VERIFY_TOTP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.twofactor.TwoFactorClient.Enrolled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gate stands after every first factor but a passkey: a provider's sign-in ({@code social:<id>}) of a
 * two-factor user stops at the second step like a password sign-in (Better Auth lets it through), a form or callback
 * goes on to {@code twoFactor.page}, and a passkey, two factors in itself, signs in at once.
 */
class TwoFactorGateTest {
    private static final MutableClock CLOCK = new MutableClock();
    private static final String WAY_IN = "/api/auth/test-way-in/sign-in";

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(b -> b.clock(CLOCK).set("testWayIn.enabled", "true")
            .set("twoFactor.page", "/second-step"));

    @Test
    void aProvidersSignInOfATwoFactorUserStopsAtTheSecondStep() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "social");
        TestClient browser = SERVER.client();

        Reply in = browser.post(WAY_IN, json("email", user.email(), "method", "social:google"));

        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.body()).isEqualTo("{\"twoFactorRedirect\":true,\"twoFactorMethods\":[\"totp\"]}");
        assertThat(browser.cookie(TOKEN_COOKIE)).isEmpty();
        assertThat(browser.get(GET_SESSION).body()).isEqualTo("null");
        Reply verified = browser.post(VERIFY_TOTP, json("code", user.app().code()));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(browser.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(user.userId());
        assertThat(SERVER.count("SELECT COUNT(*) FROM sa_two_factor_pending WHERE user_id = ?", user.userId()))
                .isZero();
    }

    @Test
    void aRedirectedWayInGoesOnToTheSecondStepPage() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "callback");
        TestClient browser = SERVER.client();

        Reply in = browser.postForm(WAY_IN, form("email", user.email(), "method", "social:github",
                "callbackURL", "/home"));

        assertThat(in.status()).isEqualTo(302);
        assertThat(in.header("Location")).hasValue("/second-step?callbackURL=%2Fhome");
        assertThat(in.setCookie(PENDING_COOKIE)).isPresent();
        assertThat(browser.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void aPasskeySignsInWithoutASecondStep() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "passkey");
        TestClient browser = SERVER.client();

        Reply in = browser.post(WAY_IN, json("email", user.email(), "method", "passkey"));

        assertThat(in.json().path("token").asText()).as(in.body()).isNotEmpty();
        assertThat(in.setCookie(PENDING_COOKIE)).isEmpty();
        assertThat(browser.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(user.userId());
    }

    @Test
    void usersWithoutTwoFactorSignInInOneStepWhicheverWayIn() {
        TestClient browser = SERVER.client();
        String email = dev.sessionauth.testing.Accounts.uniqueEmail("plain");
        dev.sessionauth.testing.Accounts.signUp(SERVER.client(), email);

        Reply in = browser.post(WAY_IN, json("email", email, "method", "social:google"));

        assertThat(in.json().path("token").asText()).isNotEmpty();
    }
}
