package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.twofactor.TwoFactorClient.VERIFY_TOTP;
import static dev.sessionauth.twofactor.TwoFactorClient.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionValidation;
import dev.sessionauth.Validation;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import dev.sessionauth.twofactor.TwoFactorClient.Enrolled;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Policy beyond Better Auth: paths only users with two-factor on may open ({@code twoFactor.required}, the enrolment
 * page for a browser, 403 {@code TWO_FACTOR_REQUIRED} for a script), {@code Validation.requireTwoFactor()}, the
 * session's record of how it was made ({@code amr}), and settings mistakes stopped at start-up.
 */
class TwoFactorPolicyTest {
    private static final MutableClock CLOCK = new MutableClock();
    private static final String HTML = "text/html,application/xhtml+xml";

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(b -> b.clock(CLOCK).set("testWayIn.enabled", "true")
            .set("twoFactor.required", "/admin/**").set("twoFactor.enrolPage", "/account/security")
            .set("loginPage", "/login").servlet("validate", new RequireTwoFactor(), "/validate").withEcho());

    /** A page that asks {@code validateSession(request, Validation.requireTwoFactor())}. */
    static final class RequireTwoFactor extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            SessionValidation v = SessionAuth.of(request).validateSession(request, Validation.requireTwoFactor());
            response.setContentType("text/plain");
            response.getWriter().write(v.valid() ? "valid" : "refused " + v.failure().orElseThrow());
        }
    }

    @Test
    void aRequiredPathSendsABrowserWithoutTwoFactorToTheEnrolmentPage() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "no-2fa");

        Reply page = user.browser().get("/admin/users?sort=name", "Accept", HTML);
        Reply script = user.browser().get("/admin/users");

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).hasValue("/account/security?redirect=%2Fadmin%2Fusers%3Fsort%3Dname");
        assertThat(script.status()).isEqualTo(403);
        assertThat(script.code()).isEqualTo("TWO_FACTOR_REQUIRED");
        assertThat(user.browser().get("/account/security", "Accept", HTML).status()).isEqualTo(200);
    }

    @Test
    void aRequiredPathAsksForASignInFirst() {
        Reply anonymous = SERVER.client().get("/admin/users", "Accept", HTML);

        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).hasValue("/login?redirect=%2Fadmin%2Fusers");
        assertThat(SERVER.client().get("/admin/users").status()).isEqualTo(401);
    }

    @Test
    void aRequiredPathOpensForAUserWithTwoFactorOn() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "with-2fa");

        Reply page = user.browser().get("/admin/users", "Accept", HTML);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("remoteUser").asText()).isEqualTo(user.userId());
        assertThat(user.browser().get("/validate").body()).isEqualTo("valid");
    }

    @Test
    void validationCanRequireTwoFactor() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "validate");

        assertThat(user.browser().get("/validate").body()).isEqualTo("refused TWO_FACTOR_REQUIRED");
    }

    @Test
    void theSessionRecordsHowItWasMade() {
        Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "amr");
        SignedInUser plain = Accounts.signUp(SERVER.get(), "amr-plain");
        assertThat(amr(user.browser())).as("the enrolment's first code").isEqualTo("otp");

        TestClient withCode = SERVER.client();
        signIn(withCode, user.email());
        withCode.post(VERIFY_TOTP, json("code", user.app().code(), "trustDevice", true));
        signIn(withCode, user.email());
        TestClient social = SERVER.client();
        social.post("/api/auth/test-way-in/sign-in", json("email", user.email(), "method", "social:google"));
        social.post(VERIFY_TOTP, json("code", user.app().nextCode()));
        TestClient passkey = SERVER.client();
        passkey.post("/api/auth/test-way-in/sign-in", json("email", user.email(), "method", "passkey"));
        TestClient password = SERVER.client();
        signIn(password, plain.email());

        assertThat(amr(withCode)).as("a trusted device in place of the code").isEqualTo("pwd device");
        assertThat(amr(social)).isEqualTo("social:google otp");
        assertThat(amr(passkey)).isEqualTo("passkey");
        assertThat(amr(password)).isEqualTo("pwd");
        TestClient again = SERVER.client();
        signIn(again, user.email());
        again.post(VERIFY_TOTP, json("code", user.app().nextCode()));
        assertThat(amr(again)).isEqualTo("pwd otp");
        assertThat(again.post("/api/auth/update-session", json("amr", "pwd otp hwk")).status())
                .as("no client writes it").isEqualTo(400);
        Reply changed = again.post(Accounts.CHANGE_PASSWORD, json("currentPassword", PASSWORD,
                "newPassword", Accounts.NEW_PASSWORD, "revokeOtherSessions", true));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(amr(again)).as("the session that replaces it on a password change").isEqualTo("pwd otp");
    }

    private static String amr(TestClient browser) {
        return browser.get(GET_SESSION).json().path("session").path("amr").asText();
    }

    @Test
    void settingsMistakesStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.engineBuilder().set("twoFactor.pendingMaxAge", "2h").build())
                .hasMessageContaining("twoFactor.pendingMaxAge");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("twoFactor.issuer", "Acme: Shop").build())
                .hasMessageContaining("twoFactor.issuer");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("twoFactor.page", "two-factor").build())
                .hasMessageContaining("twoFactor.page");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("twoFactor.trustDeviceMaxAge", "soon").build())
                .hasMessageContaining("twoFactor.trustDeviceMaxAge");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("twoFactor.required", "/admin/**")
                .set("twoFactor.enrolPage", "/admin/2fa").build()).hasMessageContaining("twoFactor.enrolPage");
        assertThatThrownBy(() -> TestServer.engineBuilder().set("twoFactor.enabeld", "false").build())
                .hasMessageContaining("twoFactor.enabeld");
    }

    @Test
    void switchedOffThereIsNoFieldNoGateAndNoEndpoint() {
        try (TestServer off = TestServer.start("twoFactor.enabled", "false")) {
            SignedInUser user = Accounts.signUp(off, "off");

            assertThat(user.browser().get(GET_SESSION).json().path("user").has("twoFactorEnabled")).isFalse();
            assertThat(user.browser().post(TwoFactorClient.ENABLE, json("password", PASSWORD)).status())
                    .isEqualTo(404);
        }
    }
}
