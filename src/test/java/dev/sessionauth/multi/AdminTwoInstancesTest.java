package dev.sessionauth.multi;

import static dev.sessionauth.multi.SharedDatabase.PASSWORD;
import static dev.sessionauth.multi.SharedDatabase.carrying;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.admin.Admin;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin tools on two instances over one PostgreSQL (two Jetty servers, an engine each): a ban given on B ends the
 * user's sessions on A at once under {@code session.strategy=database}, and under {@code jwt} as soon as A has read
 * the revocation log once since (its cached cookie is refused though it has minutes to live); a sign-in on A is then
 * refused. An impersonation begun on A is stopped on B: nothing of it lives in one instance's memory.
 */
class AdminTwoInstancesTest {

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
        a = db.instance().set("session.strategy", strategy).set("admin.enabled", "true").dataSource(aData, db.jdbcUrl())
                .start();
        open.add(a);
        b = db.instance().set("session.strategy", strategy).set("admin.enabled", "true").dataSource(bData, db.jdbcUrl())
                .start();
        open.add(b);
    }

    private static String signUp(TestClient browser, String email) {
        TestClient.Reply r = browser.signUp("Multi", email, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("user").path("id").asText();
    }

    private static void assertSignedIn(TestClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("signedIn").asBoolean()).as(r.body()).isTrue();
    }

    /** An admin signed in on {@code on} (made one through A's Java API: the role lives in the shared database). */
    private TestClient adminOn(TestServer on, String email) {
        TestClient admin = on.client();
        String id = signUp(admin, email);
        Admin.of(a.auth()).setRole(id, "admin");
        return admin;
    }

    @ParameterizedTest(name = "session.strategy={0}")
    @ValueSource(strings = {"database", "jwt"})
    void aBanGivenOnBEndsTheUsersSessionsOnAAndNoWayInOnAOpens(String strategy) throws InterruptedException {
        start(strategy);
        TestClient phone = a.client();
        String victim = signUp(phone, strategy + "-victim@example.com");
        TestClient laptop = b.client();
        assertThat(laptop.signIn(strategy + "-victim@example.com", PASSWORD).status()).isEqualTo(200);
        assertSignedIn(phone.get("/app/x"));
        assertSignedIn(carrying(phone, b).get("/app/x"));
        TestClient admin = adminOn(b, strategy + "-admin@example.com");

        TestClient.Reply banned = admin.post("/api/auth/admin/ban-user", TestClient.json(Map.of("userId", victim)));
        assertThat(banned.status()).as(banned.body()).isEqualTo(200);
        long polls = aData.polls();

        assertThat(laptop.get("/app/x").status()).isEqualTo(401);
        assertThat(carrying(phone, b).get("/app/x").status()).isEqualTo(401);
        if (strategy.equals("jwt")) {
            // A knows once a read of the log that began after the ban has finished.
            aData.awaitPollsAfter(polls, 2);
        }
        assertThat(phone.get("/app/x").status()).isEqualTo(401);
        assertThat(db.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", victim)).isZero();
        TestClient.Reply again = a.client().signIn(strategy + "-victim@example.com", PASSWORD);
        assertThat(again.status()).as(again.body()).isEqualTo(403);
        assertThat(again.code()).isEqualTo("BANNED_USER");
    }

    @Test
    void anImpersonationBegunOnAIsStoppedOnB() {
        start("database");
        TestClient adminOnA = adminOn(a, "imp-admin@example.com");
        String target = signUp(a.client(), "imp-target@example.com");

        TestClient.Reply in = adminOnA.post("/api/auth/admin/impersonate-user", TestClient.json(Map.of("userId", target)));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        TestClient onB = carrying(adminOnA, b);
        onB.putCookie("sessionauth.admin_session", adminOnA.cookie("sessionauth.admin_session").orElseThrow());
        assertThat(onB.getSession().json().path("session").path("impersonatedBy").asText()).isNotEmpty();

        TestClient.Reply out = onB.post("/api/auth/admin/stop-impersonating", "{}");

        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.json().path("user").path("email").asText()).isEqualTo("imp-admin@example.com");
        assertThat(onB.getSession().json().path("user").path("email").asText()).isEqualTo("imp-admin@example.com");
        assertThat(db.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ? AND f_impersonatedby IS NOT NULL",
                target)).isZero();
    }
}
