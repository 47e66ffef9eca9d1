package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the two-factor HTTP tests share: the endpoints' paths, an authenticator app (codes computed from the key the
 * enrolment URI carries, on the server's own clock) and a user who has enrolled one.
 */
final class TwoFactorClient {
    static final String ENABLE = "/api/auth/two-factor/enable";
    static final String GET_TOTP_URI = "/api/auth/two-factor/get-totp-uri";
    static final String DISABLE = "/api/auth/two-factor/disable";
    static final String GENERATE_BACKUP_CODES = "/api/auth/two-factor/generate-backup-codes";
    static final String VERIFY_TOTP = "/api/auth/two-factor/verify-totp";
    static final String VERIFY_BACKUP_CODE = "/api/auth/two-factor/verify-backup-code";
    static final String PENDING_COOKIE = "sessionauth.two_factor";
    static final String TRUST_COOKIE = "sessionauth.trust_device";

    private TwoFactorClient() {
    }

    /** An authenticator app holding the key of an enrolment URI, reading the time from the server's clock. */
    record App(TotpSecret secret, MutableClock clock) {
        static App of(String totpUri, MutableClock clock) {
            String query = URI.create(totpUri).getRawQuery();
            for (String pair : query.split("&")) {
                if (pair.startsWith("secret=")) {
                    return new App(TotpSecret.fromBase32(pair.substring("secret=".length())), clock);
                }
            }
            throw new AssertionError("no secret in " + totpUri);
        }

        /** The code the app shows now. */
        String code() {
            Totp totp = new Totp(clock);
            return totp.code(secret, totp.currentStep().counter());
        }

        /** Waits (on the server's clock) for the app's next code, so a new one is shown. */
        String nextCode() {
            clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
            return code();
        }
    }

    /** A signed-in user with two-factor on, the app that makes their codes, and their backup codes. */
    record Enrolled(TestClient browser, String email, String userId, App app, List<String> backupCodes) {
    }

    /** Signs a new user up, enables two-factor and confirms it with the app's first code. */
    static Enrolled enrolled(TestServer server, MutableClock clock, String hint) {
        SignedInUser user = Accounts.signUp(server, hint);
        Reply enabled = user.browser().post(ENABLE, json("password", PASSWORD));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        App app = App.of(enabled.json().path("totpURI").asText(), clock);
        Reply confirmed = user.browser().post(VERIFY_TOTP, json("code", app.code()));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        enabled.json().path("backupCodes").forEach(c -> codes.add(c.asText()));
        // The code just used stays used: the next sign-in needs the app's next one.
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        return new Enrolled(user.browser(), user.email(), user.userId(), app, codes);
    }

    /** Signs {@code email} in from {@code browser} with the password: the second step's answer. */
    static Reply signIn(TestClient browser, String email) {
        return browser.post(Accounts.SIGN_IN, json("email", email, "password", PASSWORD));
    }
}
