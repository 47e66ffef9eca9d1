package dev.sessionauth.twofactor;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.twofactor.TwoFactorClient.PENDING_COOKIE;
import static dev.sessionauth.twofactor.TwoFactorClient.TRUST_COOKIE;
import static dev.sessionauth.twofactor.TwoFactorClient.VERIFY_BACKUP_CODE;
import static dev.sessionauth.twofactor.TwoFactorClient.VERIFY_TOTP;
import static dev.sessionauth.twofactor.TwoFactorClient.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SharedPostgres;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import dev.sessionauth.twofactor.TwoFactorClient.Enrolled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL, as behind a load balancer: a second step started on one finishes on the other, a
 * code used on one is refused on the other, wrong codes count once for both (under {@code rateLimit.storage=database}),
 * a device trusted on one is known to the other, and tries racing on both instances at once get no more than a
 * pending sign-in allows and no more than one session.
 */
class TwoFactorTwoInstancesTest {
    private static final MutableClock CLOCK = new MutableClock();
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() {
        SharedPostgres.Database db = SharedPostgres.newDatabase("two_factor");
        a = TestServer.builder().clock(CLOCK).dataSource(db.dataSource(), db.jdbcUrl())
                .set("rateLimit.storage", "database").start();
        b = TestServer.builder().clock(CLOCK).dataSource(db.dataSource(), db.jdbcUrl())
                .set("rateLimit.storage", "database").start();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    /** A browser on {@code to} holding the cookies of {@code from} (the load balancer sent it elsewhere). */
    private static TestClient carrying(TestClient from, TestServer to, String... cookies) {
        TestClient on = to.client();
        for (String name : cookies) {
            from.cookie(name).ifPresent(v -> on.putCookie(name, v));
        }
        return on;
    }

    @Test
    void aSecondStepStartedOnOneInstanceFinishesOnTheOther() {
        Enrolled user = TwoFactorClient.enrolled(a, CLOCK, "across");
        TestClient onA = a.client();
        signIn(onA, user.email());
        TestClient onB = carrying(onA, b, PENDING_COOKIE);

        Reply verified = onB.post(VERIFY_TOTP, json("code", user.app().code(), "trustDevice", true));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(onB.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(user.userId());
        TestClient trustedOnA = carrying(onB, a, TRUST_COOKIE);
        assertThat(signIn(trustedOnA, user.email()).json().has("token")).as("the device is known on A").isTrue();
        TestClient staleOnB = carrying(onB, b, TRUST_COOKIE);
        assertThat(signIn(staleOnB, user.email()).json().path("twoFactorRedirect").asBoolean())
                .as("A moved the device to a new value").isTrue();
    }

    @Test
    void aCodeUsedOnOneInstanceIsRefusedOnTheOther() {
        Enrolled user = TwoFactorClient.enrolled(a, CLOCK, "replay-across");
        TestClient onA = a.client();
        signIn(onA, user.email());
        String code = user.app().code();
        assertThat(onA.post(VERIFY_TOTP, json("code", code)).status()).isEqualTo(200);
        TestClient onB = b.client();
        signIn(onB, user.email());

        Reply replayed = onB.post(VERIFY_TOTP, json("code", code));

        assertThat(replayed.code()).isEqualTo("INVALID_CODE");
    }

    @Test
    void wrongCodesOnBothInstancesCountTowardsOneLock() {
        Enrolled user = TwoFactorClient.enrolled(a, CLOCK, "lock-across");
        for (TestServer server : List.of(a, b)) {
            TestClient browser = server.client();
            signIn(browser, user.email());
            for (int i = 0; i < 5; i++) {
                assertThat(browser.post(VERIFY_TOTP, json("code", "0000x0")).code()).isEqualTo("INVALID_CODE");
            }
        }
        TestClient onA = a.client();
        signIn(onA, user.email());

        assertThat(onA.post(VERIFY_TOTP, json("code", user.app().code())).code()).isEqualTo("ACCOUNT_TEMPORARILY_LOCKED");
    }

    @Test
    void triesRacingOnBothInstancesGetNoMoreThanFiveAndOneSession() throws Exception {
        Enrolled user = TwoFactorClient.enrolled(a, CLOCK, "race");
        TestClient onA = a.client();
        signIn(onA, user.email());
        TestClient onB = carrying(onA, b, PENDING_COOKIE);

        List<Reply> wrong = race(12, i -> (i % 2 == 0 ? onA : onB).post(VERIFY_BACKUP_CODE,
                json("code", "zzzzz-zzzz" + (char) ('a' + i))));

        long checked = wrong.stream().filter(r -> "INVALID_BACKUP_CODE".equals(r.code())).count();
        assertThat(checked).as("tries checked").isLessThanOrEqualTo(5);
        assertThat(wrong).allSatisfy(r -> assertThat(r.code()).isIn("INVALID_BACKUP_CODE",
                "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE", "INVALID_TWO_FACTOR_COOKIE"));

        Enrolled other = TwoFactorClient.enrolled(b, CLOCK, "race-right");
        TestClient start = b.client();
        signIn(start, other.email());
        TestClient copyOnA = carrying(start, a, PENDING_COOKIE);
        String code = other.app().code();
        // Five, the allowance of one pending sign-in: a sixth would end it (as Better Auth's sixth try does), and
        // when it overtook the try whose code held, that sign-in would end with no session at all (fail closed).
        List<Reply> right = race(5, i -> (i % 2 == 0 ? start : copyOnA).post(VERIFY_TOTP, json("code", code)));

        assertThat(right.stream().filter(r -> r.status() == 200).count()).as("sessions made: %s",
                right.stream().map(r -> r.status() + " " + r.code()).toList()).isEqualTo(1);
        assertThat(b.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", other.userId())).isEqualTo(2);
    }

    /** What a try returns when it starts. */
    @FunctionalInterface
    private interface Try {
        Reply run(int index);
    }

    private static List<Reply> race(int tries, Try attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tries);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> started = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                int index = i;
                Callable<Reply> task = () -> {
                    go.await();
                    return attempt.run(index);
                };
                started.add(pool.submit(task));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : started) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
