package dev.sessionauth.engine;

import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.store.memory.MemoryStores;
import dev.sessionauth.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's session rules through its Java API on the in-memory stores, no database and no HTTP: expiry,
 * sliding refresh, the absolute lifetime, browser sessions, fixation, revocation, verification secrets, and what
 * the browser is told each time.
 */
class EngineRulesTest {
    private static final String PASSWORD = "plum tractor lantern";

    private final MutableClock clock = new MutableClock();
    private final BlockingQueue<String> links = new LinkedBlockingQueue<>();
    private final MemoryStores stores = new MemoryStores();
    private Engine auth;
    private int users;

    @BeforeEach
    void start() {
        auth = Engine.of(SessionAuth.builder().clock(clock).systemProperties(new Properties()).environment(Map.of())
                .set("secret", "engine-rules-secret-0123456789abcdef")
                .set("session.maxAge", "7d").set("session.updateAge", "1d").set("session.absoluteMaxAge", "30d")
                .verificationSender((user, link) -> links.add(link))
                .stores(stores.users(), stores.sessions(), stores.verifications(), stores.meta())
                .build());
    }

    @AfterEach
    void stop() {
        auth.close();
    }

    private String newAccount() {
        String email = "rules" + (++users) + "@example.com";
        auth.signUp(new SignUp("Rule", email, PASSWORD, Optional.empty(), true), Caller.app(ClientInfo.unknown()));
        return email;
    }

    private SignedIn signIn(String email, boolean rememberMe, Presented presented) {
        return ((SignInOutcome.Issued) auth.signIn(new SignIn(email, PASSWORD, rememberMe),
                new Caller(ClientInfo.unknown(), presented, Optional.empty(), dev.sessionauth.engine.Writer.CLIENT))).signedIn();
    }

    private Resolution page(SignedIn in) {
        return auth.resolve(Presented.bearer(in.token()), ResolveMode.PAGE);
    }

    @Test
    void aNewSessionSetsTheTokenCookie() {
        SignedIn in = signIn(newAccount(), true, Presented.none());
        assertThat(in.browser().tokenCookie()).isEqualTo(BrowserUpdate.TokenCookie.SET);
        assertThat(in.browser().token().orElseThrow().token()).isEqualTo(in.token());
        Resolution r = page(in);
        assertThat(r.isValid()).isTrue();
        assertThat(r.browser()).isEqualTo(BrowserUpdate.KEEP);
    }

    @Test
    void withoutActivityTheSessionExpiresAfterMaxAgeItsRowGoesAndTheCookiesAreCleared() {
        String email = newAccount();
        SignedIn in = signIn(email, true, Presented.none());
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        Resolution r = page(in);
        assertThat(r.status()).isEqualTo(Resolution.Status.EXPIRED);
        assertThat(r.browser()).isEqualTo(BrowserUpdate.CLEAR);
        assertThat(page(in).status()).isEqualTo(Resolution.Status.UNKNOWN);
    }

    @Test
    void theSlidingRefreshWritesOncePerUpdateAgeAndReSetsTheCookie() {
        SignedIn in = signIn(newAccount(), true, Presented.none());
        clock.advance(Duration.ofHours(23));
        assertThat(page(in).refreshed()).isFalse();
        clock.advance(Duration.ofHours(2));
        Resolution refreshed = page(in);
        assertThat(refreshed.refreshed()).isTrue();
        assertThat(refreshed.browser().tokenCookie()).isEqualTo(BrowserUpdate.TokenCookie.SET);
        assertThat(refreshed.session().orElseThrow().getExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Resolution next = page(in);
        assertThat(next.refreshed()).isFalse();
        assertThat(next.browser()).isEqualTo(BrowserUpdate.KEEP);
    }

    @Test
    void regularActivityKeepsASessionOnlyUntilTheAbsoluteLifetime() {
        SignedIn in = signIn(newAccount(), true, Presented.none());
        for (int day = 2; day < 30; day += 2) {
            clock.advance(Duration.ofDays(2));
            assertThat(page(in).isValid()).as("day %d", day).isTrue();
        }
        clock.advance(Duration.ofDays(2));
        assertThat(page(in).status()).isEqualTo(Resolution.Status.EXPIRED);
    }

    @Test
    void aBrowserSessionIsNeverSlidAndEndsAfterADay() {
        SignedIn in = signIn(newAccount(), false, Presented.none());
        assertThat(in.session().isRemember()).isFalse();
        clock.advance(Duration.ofHours(23));
        Resolution r = page(in);
        assertThat(r.isValid()).isTrue();
        assertThat(r.refreshed()).isFalse();
        clock.advance(Duration.ofHours(2));
        assertThat(page(in).status()).isEqualTo(Resolution.Status.EXPIRED);
    }

    @Test
    void signingInEndsTheSessionTheBrowserPresented() {
        String email = newAccount();
        SignedIn before = signIn(email, true, Presented.none());
        SignedIn after = signIn(email, true, Presented.bearer(before.token()));
        assertThat(after.token()).isNotEqualTo(before.token());
        assertThat(page(before).status()).isEqualTo(Resolution.Status.UNKNOWN);
        assertThat(page(before).browser()).isEqualTo(BrowserUpdate.CLEAR);
        assertThat(page(after).isValid()).isTrue();
    }

    @Test
    void aRevokedSessionNoLongerResolvesAndOthersStay() {
        String email = newAccount();
        SignedIn laptop = signIn(email, true, Presented.none());
        SignedIn phone = signIn(email, true, Presented.none());
        assertThat(auth.revokeSession(laptop.user().getId(), laptop.session().getId())).isTrue();
        assertThat(page(laptop).status()).isEqualTo(Resolution.Status.UNKNOWN);
        assertThat(page(phone).isValid()).isTrue();
        // The sign-up's own session is listed too.
        assertThat(auth.listSessions(phone.user().getId())).extracting(s -> s.getId())
                .contains(phone.session().getId()).doesNotContain(laptop.session().getId()).hasSize(2);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilTheWindowHasPassedThenTheRightOneWorks() {
        String email = newAccount();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> auth.signIn(new SignIn(email, "not the password", true), app()))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EMAIL_OR_PASSWORD));
        }

        assertThatThrownBy(() -> signIn(email, true, Presented.none())).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.status()).isEqualTo(429));
        clock.advance(Duration.ofMinutes(16));
        assertThat(signIn(email, true, Presented.none()).user().getEmail()).isEqualTo(email);
    }

    @Test
    void aGateThatAsksForASecondStepLeavesNoSessionAndTheBrowserOnlyThePendingCookie() {
        MemoryStores own = new MemoryStores();
        try (SessionAuth gated = SessionAuth.builder().clock(clock).systemProperties(new Properties())
                .environment(Map.of()).set("secret", "engine-rules-secret-0123456789abcdef")
                .set("probe.enabled", "true")
                .stores(own.users(), own.sessions(), own.verifications(), own.meta()).build()) {
            Engine engine = Engine.of(gated);
            engine.signUp(new SignUp("Two", "second@rules.example.com", PASSWORD, Optional.empty(), true), app());
            String userId = own.users().findCredentials("second@rules.example.com").orElseThrow().user().getId();
            int before = engine.listSessions(userId).size();

            SignInOutcome outcome = engine.signIn(new SignIn("second@rules.example.com", PASSWORD, true), app());

            assertThat(outcome).isInstanceOf(SignInOutcome.SecondStep.class);
            assertThat(outcome.browser().tokenCookie()).isEqualTo(BrowserUpdate.TokenCookie.KEEP);
            assertThat(outcome.browser().features()).containsOnlyKeys("probe_pending");
            assertThat(engine.listSessions(userId)).hasSize(before);
            assertThat(outcome.result()).isEqualTo(new dev.sessionauth.SignInResult.SecondStep(List.of("probe")));
        }
    }

    private static Caller app() {
        return Caller.app(ClientInfo.unknown());
    }

    @Test
    void noOutcomeNamesTheTokenWhenPrinted() {
        SignedIn in = signIn(newAccount(), true, Presented.none());
        Resolution r = page(in);
        assertThat(r.token()).contains(in.token());
        assertThat(r.toString()).contains(in.session().getId()).doesNotContain(in.token());
        assertThat(in.toString()).doesNotContain(in.token());
        assertThat(in.browser().toString()).doesNotContain(in.token());
        assertThat(Presented.bearer(in.token()).toString()).doesNotContain(in.token());
    }

    @Test
    void aTokenThatIsNotOursIsInvalidAndClearsTheCookies() {
        Resolution r = auth.resolve(new Presented(List.of(new Presented.Candidate(Optional.empty(),
                Presented.Source.COOKIE)), Optional.empty()), ResolveMode.PAGE);
        assertThat(r.status()).isEqualTo(Resolution.Status.INVALID);
        assertThat(r.browser()).isEqualTo(BrowserUpdate.CLEAR);
        assertThat(auth.resolve(Presented.none(), ResolveMode.PAGE).browser()).isEqualTo(BrowserUpdate.KEEP);
    }

    @Test
    void aVerificationLinkWorksOnceAndNotAfterItExpires() throws InterruptedException {
        String email = newAccount();
        auth.requestVerification(email, Optional.of(new LinkBase("http://localhost:8080", "")), Optional.empty(),
                ClientInfo.unknown());
        String link = links.poll(30, TimeUnit.SECONDS);
        assertThat(link).startsWith("http://localhost:8080/api/auth/verify-email?token=");
        String secret = link.substring(link.indexOf("token=") + 6);
        assertThat(auth.verifyEmail(secret, Presented.none()).value().isEmailVerified()).isTrue();
        assertThatThrownBy(() -> auth.verifyEmail(secret, Presented.none()))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));

        String other = newAccount();
        auth.requestVerification(other, Optional.of(new LinkBase("http://localhost:8080", "")), Optional.empty(),
                ClientInfo.unknown());
        String late = links.poll(30, TimeUnit.SECONDS);
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> auth.verifyEmail(late.substring(late.indexOf("token=") + 6), Presented.none()))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    void anUntrustedLinkOriginSendsNothing() throws InterruptedException {
        String email = newAccount();
        auth.requestVerification(email, Optional.of(new LinkBase("http://attacker.example", "")), Optional.empty(),
                ClientInfo.unknown());
        auth.requestVerification(email, Optional.of(new LinkBase("http://127.0.0.1:9", "/app")), Optional.empty(),
                ClientInfo.unknown());
        assertThat(links.poll(30, TimeUnit.SECONDS)).startsWith("http://127.0.0.1:9/app/api/auth/verify-email?token=");
        assertThat(links).isEmpty();
    }
}
