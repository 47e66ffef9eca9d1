package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.verification.Links.assertError;
import static dev.sessionauth.verification.Links.requestLink;
import static dev.sessionauth.verification.Links.signUp;
import static dev.sessionauth.verification.Links.verified;
import static dev.sessionauth.verification.Links.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.ServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A verification link lives {@code emailVerification.expiresIn} (1h by default), measured by the server's clock. */
class VerificationExpiryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final Links links = new Links();
    @RegisterExtension
    final ServerExtension server = ServerExtension.onDemand(b -> b.clock(clock).verificationSender(links)
            .set("emailVerification.required", "true"));

    @Test
    void aLinkStillWorksJustBeforeAnHour() {
        server.launch();
        String email = uniqueEmail("before");
        signUp(server.client(), email);
        String token = links.next(email).token();

        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(verify(server.client(), token).status()).isEqualTo(200);
        assertThat(verified(server.get(), email)).isTrue();
    }

    @Test
    void aLinkExpiresAfterAnHour() {
        server.launch();
        String email = uniqueEmail("after");
        signUp(server.client(), email);
        String token = links.next(email).token();

        clock.advance(Duration.ofHours(1));
        assertError(verify(server.client(), token), 401, "INVALID_TOKEN");
        assertThat(verified(server.get(), email)).isFalse();
    }

    @Test
    void anExpiredLinkWithACallbackRedirectsWithTheError() {
        server.launch();
        String email = uniqueEmail("afterCallback");
        signUp(server.client(), email);
        String token = links.next(email).token();

        clock.advance(Duration.ofHours(2));
        Reply r = server.client().get(Accounts.VERIFY + "?token=" + token + "&callbackURL="
                + URLEncoder.encode("/welcome", StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).contains("/welcome?error=INVALID_TOKEN");
        assertThat(verified(server.get(), email)).isFalse();
    }

    @Test
    void afterAnExpiredLinkANewOneCanBeRequestedAndWorks() {
        server.launch();
        String email = uniqueEmail("renew");
        signUp(server.client(), email);
        String old = links.next(email).token();
        clock.advance(Duration.ofHours(3));
        assertError(verify(server.client(), old), 401, "INVALID_TOKEN");

        Links.assertStatusTrue(requestLink(server.client(), email));
        String fresh = links.next(email).token();
        assertThat(verify(server.client(), fresh).status()).isEqualTo(200);
    }

    @Test
    void theLifetimeFollowsTheSetting() {
        server.launch("emailVerification.expiresIn", "10m");
        String short1 = uniqueEmail("short1");
        String short2 = uniqueEmail("short2");
        signUp(server.client(), short1);
        signUp(server.client(), short2);
        String t1 = links.next(short1).token();
        String t2 = links.next(short2).token();

        clock.advance(Duration.ofMinutes(9));
        assertThat(verify(server.client(), t1).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertError(verify(server.client(), t2), 401, "INVALID_TOKEN");
    }

    @Test
    void theExpiryIsStoredWithTheSecret() {
        server.launch();
        String email = uniqueEmail("stored");
        signUp(server.client(), email);
        links.next(email);
        assertThat(server.count("SELECT COUNT(*) FROM sa_verification v JOIN sa_user u ON v.identifier LIKE '%' || u.id"
                + " WHERE u.email = ? AND v.expires_at = ?", email,
                java.time.OffsetDateTime.parse("2026-03-01T10:00:00Z"))).isOne();
    }
}
