package dev.sessionauth.api;

import static dev.sessionauth.testing.Accounts.LIST_SESSIONS;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many requests at once: no lost sessions, no duplicate users, one write per sliding refresh. */
class ConcurrencyTest {
    private static final int THREADS = 16;

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b.clock(clock));

    /** Runs {@code n} calls released at the same moment; their replies in order. */
    private static List<Reply> atOnce(int n, IntFunction<Reply> call) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Reply> task = () -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            ready.await();
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixteenSimultaneousSignInsGiveSixteenDistinctLiveSessions() throws Exception {
        SignedInUser account = Accounts.signUp(server.get(), "burst");
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            clients.add(server.client());
        }
        List<Reply> replies = atOnce(THREADS, i -> clients.get(i).signIn(account.email(), account.password()));

        Set<String> tokens = new HashSet<>();
        for (Reply r : replies) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            tokens.add(r.json().path("token").asText());
        }
        assertThat(tokens).hasSize(THREADS).doesNotContain(account.token());
        assertThat(tokens).allMatch(t -> Api.isLive(server.get(), t));
        Reply list = account.browser().get(LIST_SESSIONS);
        assertThat(list.json()).hasSize(THREADS + 1);
        Set<String> handles = new HashSet<>();
        list.json().forEach(s -> handles.add(s.path("id").asText()));
        assertThat(handles).hasSize(THREADS + 1);
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(THREADS + 1);
    }

    @Test
    void simultaneousSignUpsOfOneEmailCreateExactlyOneUser() throws Exception {
        String email = Accounts.uniqueEmail("race");
        int n = 8;
        List<Reply> replies = atOnce(n, i -> server.client().signUp("Racer " + i, i % 2 == 0 ? email
                : email.toUpperCase(), Accounts.PASSWORD + i));

        long ok = replies.stream().filter(r -> r.status() == 200).count();
        long conflict = replies.stream().filter(r -> r.status() == 422
                && r.code().equals("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL")).count();
        assertThat(ok).as(replies.toString()).isEqualTo(1);
        assertThat(conflict).as(replies.toString()).isEqualTo(n - 1);
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isEqualTo(1);
        assertThat(server.count("SELECT COUNT(*) FROM sa_account a JOIN sa_user u ON u.id = a.user_id"
                + " WHERE u.email = ?", email)).isEqualTo(1);
        String userId = replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow()
                .json().path("user").path("id").asText();
        assertThat(Api.sessionRows(server.get(), userId)).isEqualTo(1);

        // The winner's password is the one that works.
        int winner = replies.indexOf(replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow());
        assertThat(server.client().signIn(email, Accounts.PASSWORD + winner).status()).isEqualTo(200);
    }

    @Test
    void simultaneousSignUpsOfDifferentEmailsAllSucceed() throws Exception {
        int n = 8;
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            emails.add(Accounts.uniqueEmail("crowd" + i));
        }
        List<Reply> replies = atOnce(n, i -> server.client().signUp("Crowd " + i, emails.get(i), Accounts.PASSWORD));
        Set<String> ids = new HashSet<>();
        for (Reply r : replies) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            ids.add(r.json().path("user").path("id").asText());
        }
        assertThat(ids).hasSize(n);
    }

    @Test
    void simultaneousRequestsOnADueSessionRefreshItExactlyOnce() throws Exception {
        SignedInUser account = Accounts.signUp(server.get(), "refreshrace");
        clock.advance(Duration.ofDays(1).plusHours(1));
        List<Reply> replies = atOnce(THREADS, i -> Api.bearer(server.get(), account.token()).getSession());

        for (Reply r : replies) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("user").path("id").asText()).isEqualTo(account.userId());
        }
        long refreshed = replies.stream().filter(r -> r.setCookie(TOKEN_COOKIE).isPresent()).count();
        assertThat(refreshed).isEqualTo(1);
        Instant now = clock.instant();
        Reply after = Api.bearer(server.get(), account.token()).get(Accounts.GET_SESSION + "?disableRefresh=true");
        assertThat(Instant.parse(after.json().path("session").path("expiresAt").asText()))
                .isEqualTo(now.plus(Duration.ofDays(7)));
    }

    @Test
    void simultaneousSignOutsOfOneSessionAllSucceed() throws Exception {
        SignedInUser account = Accounts.signUp(server.get(), "outrace");
        String cookie = account.cookie();
        List<Reply> replies = atOnce(THREADS, i -> {
            TestClient c = server.client();
            c.putCookie(TOKEN_COOKIE, cookie);
            return c.post(Accounts.SIGN_OUT, "{}");
        });
        for (Reply r : replies) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("success").asBoolean()).isTrue();
        }
        assertThat(Api.sessionRows(server.get(), account.userId())).isZero();
    }

    @Test
    void signOutEverywhereRacingNewSignInsLeavesOnlySessionsCreatedAfterIt() throws Exception {
        SignedInUser account = Accounts.signUp(server.get(), "everywhererace");
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(Api.signIn(server.get(), account).token());
        }
        List<Reply> replies = atOnce(4, i -> i == 0 ? account.browser().post(Api.REVOKE_SESSIONS, "{}")
                : server.client().signIn(account.email(), account.password()));
        for (Reply r : replies) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        assertThat(before).noneMatch(t -> Api.isLive(server.get(), t));
        assertThat(Api.isLive(server.get(), account.token())).isFalse();
        long liveNew = replies.subList(1, 4).stream().map(r -> r.json().path("token").asText())
                .filter(t -> Api.isLive(server.get(), t)).count();
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(liveNew);
    }
}
