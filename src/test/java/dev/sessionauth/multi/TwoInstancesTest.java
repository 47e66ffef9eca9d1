package dev.sessionauth.multi;

import static dev.sessionauth.multi.SharedDatabase.PASSWORD;
import static dev.sessionauth.multi.SharedDatabase.carrying;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two instances (two Jetty servers, each with its own engine) on one PostgreSQL, as behind a load balancer: a
 * session signed in on one works on the other, and every way of ending sessions on B ends them on A: at once under
 * {@code session.strategy=database}; under {@code jwt} at once on B and on A as soon as A has read the revocation
 * log once since (its cached cookie is then refused although it has minutes to live).
 */
class TwoInstancesTest {

    private SharedDatabase db;
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestServer a;
    private TestServer b;
    private PollCountingDataSource aData;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private void start(String strategy) {
        db = SharedDatabase.create();
        aData = new PollCountingDataSource(db.jdbcUrl());
        PollCountingDataSource bData = new PollCountingDataSource(db.jdbcUrl());
        open.add(aData);
        open.add(bData);
        // cookieCache.maxAge as shipped (5m): without the revocation log, A would trust its cache for minutes.
        a = db.instance().set("session.strategy", strategy).dataSource(aData, db.jdbcUrl()).start();
        open.add(a);
        b = db.instance().set("session.strategy", strategy).dataSource(bData, db.jdbcUrl()).start();
        open.add(b);
    }

    private static String signUp(TestServer on, TestClient browser, String email) {
        TestClient.Reply r = browser.signUp("Multi", email, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("user").path("id").asText();
    }

    private static void signIn(TestClient browser, String email) {
        TestClient.Reply r = browser.signIn(email, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String sessionId(TestClient browser) {
        return browser.getSession().json().path("session").path("id").asText();
    }

    private static void assertSignedIn(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).as(r.body()).isTrue();
    }

    private static void assertRefused(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
    }

    @ParameterizedTest(name = "session.strategy={0}")
    @ValueSource(strings = {"database", "jwt"})
    void aSessionSignedInOnOneInstanceWorksOnTheOther(String strategy) {
        start(strategy);
        TestClient onA = a.client();
        signUp(a, onA, "both@example.com");
        String id = sessionId(onA);

        TestClient onB = carrying(onA, b);
        TestClient.Reply r = onB.get("/app/x");

        assertSignedIn(r);
        assertThat(r.json().path("sessionId").asText()).isEqualTo(id);
        assertThat(r.json().path("email").asText()).isEqualTo("both@example.com");
        assertThat(onB.getSession().json().path("session").path("id").asText()).isEqualTo(id);
    }

    /** What B does to end A's phone session; the laptop (signed in on B) keeps its own unless it ends them all. */
    private void endOnB(String how, TestClient phone, TestClient laptop, String phoneSession) {
        TestClient.Reply r = switch (how) {
            case "revoke-sessions" -> laptop.post("/api/auth/revoke-sessions", "{}");
            case "revoke-other-sessions" -> laptop.post("/api/auth/revoke-other-sessions", "{}");
            case "revoke-session" -> laptop.post("/api/auth/revoke-session",
                    TestClient.json(Map.of("token", phoneSession)));
            case "sign-out" -> carrying(phone, b).post("/api/auth/sign-out", "{}");
            default -> throw new IllegalArgumentException(how);
        };
        assertThat(r.status()).as(how + ": " + r.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"revoke-sessions", "revoke-other-sessions", "revoke-session", "sign-out"})
    void underTheDatabaseStrategyEndingSessionsOnBEndsThemOnAAtOnce(String how) {
        start("database");
        TestClient phone = a.client();
        String user = signUp(a, phone, how + "@example.com");
        TestClient laptop = b.client();
        signIn(laptop, how + "@example.com");
        String phoneSession = sessionId(phone);
        assertSignedIn(phone.get("/app/x"));

        endOnB(how, phone, laptop, phoneSession);

        assertRefused(phone.get("/app/x"));
        assertThat(db.count("SELECT COUNT(*) FROM sa_session WHERE id = ?", phoneSession)).isZero();
        if (!how.equals("revoke-sessions")) {
            assertSignedIn(carrying(laptop, a).get("/app/x"));
        }
        assertThat(db.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", user))
                .isEqualTo(how.equals("revoke-sessions") ? 0 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"revoke-sessions", "revoke-other-sessions", "revoke-session", "sign-out"})
    void underJwtEndingSessionsOnBEndsTheCachedSessionOnBAtOnceAndOnAAfterItsNextPoll(String how)
            throws InterruptedException {
        start("jwt");
        TestClient phone = a.client();
        signUp(a, phone, how + "@example.com");
        TestClient laptop = b.client();
        signIn(laptop, how + "@example.com");
        String phoneSession = sessionId(phone);
        // Both browsers hold a cache that is good for five minutes.
        assertThat(phone.cookie(SharedDatabase.DATA)).isPresent();
        assertSignedIn(phone.get("/app/x"));
        TestClient phoneCookiesOnB = carrying(phone, b);
        assertSignedIn(phoneCookiesOnB.get("/app/x"));

        endOnB(how, phone, laptop, phoneSession);
        long polls = aData.polls();

        // B, which revoked, knows at once (sign-out cleared that browser's own cookies: use a copy of them).
        assertRefused(carrying(phone, b).get("/app/x"));
        // A knows once a read of the log that began after the revocation has finished.
        aData.awaitPollsAfter(polls, 2);
        assertRefused(phone.get("/app/x"));
        if (!how.equals("revoke-sessions")) {
            assertSignedIn(laptop.get("/app/x"));
            assertSignedIn(carrying(laptop, a).get("/app/x"));
        }
    }

    @Test
    void underJwtAnotherUsersCachedSessionOnAStaysTrusted() throws InterruptedException, SQLException {
        start("jwt");
        TestClient bystander = a.client();
        signUp(a, bystander, "bystander@example.com");
        TestClient phone = a.client();
        signUp(a, phone, "revoked@example.com");
        TestClient laptop = b.client();
        signIn(laptop, "revoked@example.com");

        endOnB("revoke-sessions", phone, laptop, "");
        long polls = aData.polls();
        aData.awaitPollsAfter(polls, 2);

        assertRefused(phone.get("/app/x"));
        TestClient.Reply r = bystander.get("/app/x");
        assertSignedIn(r);
        assertThat(r.allHeaders("Set-Cookie")).as("answered from its cache, nothing re-issued").isEmpty();
    }

    @Test
    void revocationLagAcrossInstancesUnderJwt() throws InterruptedException {
        start("jwt");
        int trials = 20;
        List<Long> lagsMillis = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            String email = "lag" + i + "@example.com";
            TestClient phone = a.client();
            signUp(a, phone, email);
            assertSignedIn(phone.get("/app/x"));
            TestClient laptop = b.client();
            signIn(laptop, email);

            endOnB("revoke-sessions", phone, laptop, "");
            long revoked = System.nanoTime();
            long pollsAtRevocation = aData.polls();
            while (true) {
                // A poll that began after the revocation and has finished: from then on A must refuse.
                boolean mustBeKnown = aData.polls() >= pollsAtRevocation + 2;
                TestClient.Reply r = phone.get("/app/x");
                if (r.status() == 401) {
                    lagsMillis.add((System.nanoTime() - revoked) / 1_000_000);
                    break;
                }
                assertThat(mustBeKnown).as("trial %d: A still trusts the cache after reading the log", i).isFalse();
                assertSignedIn(r);
                Thread.sleep(10);
            }
        }
        List<Long> sorted = lagsMillis.stream().sorted().toList();
        long median = (sorted.get(trials / 2 - 1) + sorted.get(trials / 2)) / 2;
        System.out.printf("MULTI revocation lag A<-B over %d trials (poll interval 1s, cookieCache.maxAge 5m):"
                + " median %d ms, max %d ms, min %d ms, all %s%n", trials, median, sorted.get(trials - 1),
                sorted.get(0), lagsMillis);
        assertThat(lagsMillis).hasSize(trials);
    }
}
