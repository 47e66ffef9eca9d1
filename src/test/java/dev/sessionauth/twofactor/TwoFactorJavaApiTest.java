package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.twofactor.TwoFactorClient.PENDING_COOKIE;
import static dev.sessionauth.twofactor.TwoFactorClient.TRUST_COOKIE;
import static dev.sessionauth.twofactor.TwoFactorClient.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.AuthException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SignInResult;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.twofactor.TwoFactorClient.App;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link TwoFactor} Java API as an app's own pages use it, through a servlet behind the filter: enrol, confirm,
 * the second step (its cookies set and cleared by the calls themselves, never by the app), backup codes, turning it
 * off, and the app's own administration for a user who lost the phone.
 */
class TwoFactorJavaApiTest {
    private static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(b -> b.clock(CLOCK)
            .servlet("two-factor-app", new AppPages(), "/app/*"));

    /** The app's pages: each call of the Java API, its answer as plain text, a refusal as its code. */
    static final class AppPages extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            TwoFactor twoFactor = SessionAuth.of(request).feature(TwoFactor.class).orElseThrow();
            String answer;
            try {
                answer = switch (request.getPathInfo()) {
                    case "/enable" -> twoFactor.enable(request, request.getParameter("password")).totpUri();
                    case "/uri" -> twoFactor.totpUri(request, request.getParameter("password"));
                    case "/verify" -> userOf(twoFactor.verifyTotp(request, response, request.getParameter("code"),
                            trust(request)));
                    case "/backup" -> userOf(twoFactor.verifyBackupCode(request, response,
                            request.getParameter("code"), trust(request)));
                    case "/codes" -> String.join(",", twoFactor.generateBackupCodes(request,
                            request.getParameter("password")));
                    case "/disable" -> {
                        twoFactor.disable(request, response, request.getParameter("password"));
                        yield "off";
                    }
                    case "/admin-disable" -> {
                        twoFactor.disable(request.getParameter("userId"));
                        yield "off";
                    }
                    default -> throw new IllegalArgumentException(request.getPathInfo());
                };
            } catch (AuthException e) {
                answer = "refused " + e.code();
            }
            response.setContentType("text/plain");
            response.getWriter().write(answer);
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            TwoFactor twoFactor = SessionAuth.of(request).feature(TwoFactor.class).orElseThrow();
            response.setContentType("text/plain");
            response.getWriter().write("waiting=" + twoFactor.isWaitingForCode(request) + " enabled="
                    + twoFactor.isEnabled(request));
        }

        private static DeviceTrust trust(HttpServletRequest request) {
            return "true".equals(request.getParameter("trust")) ? DeviceTrust.TRUST_THIS_DEVICE
                    : DeviceTrust.ASK_EVERY_TIME;
        }

        private static String userOf(SignInResult result) {
            return ((SignInResult.SignedIn) result).user().getId();
        }
    }

    private static Reply call(TestClient browser, String page, String... params) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return browser.post("/app/" + page + query, "{}");
    }

    @Test
    void anAppsPagesEnrolSignInWithACodeAndTurnItOff() {
        SignedInUser user = Accounts.signUp(SERVER.get(), "java");
        TestClient browser = user.browser();

        App app = App.of(call(browser, "enable", "password", PASSWORD).body(), CLOCK);
        assertThat(call(browser, "verify", "code", app.code()).body()).isEqualTo(user.userId());
        assertThat(browser.get("/app/state").body()).isEqualTo("waiting=false enabled=true");
        assertThat(call(browser, "uri", "password", "wrong password!").body()).isEqualTo("refused INVALID_PASSWORD");

        TestClient other = SERVER.client();
        signIn(other, user.email());
        assertThat(other.get("/app/state").body()).isEqualTo("waiting=true enabled=false");
        assertThat(call(other, "verify", "code", "000000").body()).isEqualTo("refused INVALID_CODE");
        Reply in = call(other, "verify", "code", app.nextCode(), "trust", "true");
        assertThat(in.body()).isEqualTo(user.userId());
        assertThat(in.setCookie(TOKEN_COOKIE)).isPresent();
        assertThat(in.setCookie(PENDING_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(in.setCookie(TRUST_COOKIE)).isPresent();
        assertThat(other.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(user.userId());

        String[] codes = call(other, "codes", "password", PASSWORD).body().split(",");
        assertThat(codes).hasSize(10);
        TestClient third = SERVER.client();
        signIn(third, user.email());
        assertThat(call(third, "backup", "code", codes[0]).body()).isEqualTo(user.userId());

        assertThat(call(third, "disable", "password", PASSWORD).body()).isEqualTo("off");
        assertThat(third.get("/app/state").body()).isEqualTo("waiting=false enabled=false");
        assertThat(signIn(SERVER.client(), user.email()).json().has("token")).isTrue();
    }

    @Test
    void theAppsAdministrationTurnsItOffForAUserWhoLostThePhone() {
        TwoFactorClient.Enrolled user = TwoFactorClient.enrolled(SERVER.get(), CLOCK, "lost");
        TestClient admin = Accounts.signUp(SERVER.get(), "admin").browser();

        assertThat(call(admin, "admin-disable", "userId", user.userId()).body()).isEqualTo("off");

        assertThat(signIn(SERVER.client(), user.email()).json().has("token")).isTrue();
        assertThat(user.browser().get(GET_SESSION).json().path("user").path("twoFactorEnabled").asBoolean()).isFalse();
    }

    @Test
    void theFeatureIsNotThereWhenSwitchedOff() {
        try (SessionAuth off = dev.sessionauth.testing.TestServer.engineBuilder().set("twoFactor.enabled", "false")
                .build()) {
            assertThat(off.feature(TwoFactor.class)).isEmpty();
        }
    }
}
