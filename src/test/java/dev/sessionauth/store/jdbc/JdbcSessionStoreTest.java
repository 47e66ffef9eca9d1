package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.store.SessionAndUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcSessionStoreTest {

    private static final Duration DAY = Duration.ofDays(1);

    private final JdbcDataSource ds = migratedDatabase();
    private final JdbcSessionStore sessions = new JdbcSessionStore(ds);
    private final JdbcUserStore users = new JdbcUserStore(ds);

    private final User ann = user("u-ann", "ann@example.com");
    private final User bob = user("u-bob", "bob@example.com");

    @BeforeEach
    void twoUsersWithOneSessionEach() {
        users.createWithSession(ann, "h", newSession(session("s-ann-1", "u-ann", T0)));
        users.createWithSession(bob, "h", newSession(session("s-bob-1", "u-bob", T0)));
    }

    private Session stored(String sessionId) {
        return sessions.findByTokenHash(tokenHashOf(sessionId)).map(SessionAndUser::session).orElseThrow();
    }

    private boolean exists(String sessionId) {
        return sessions.findByTokenHash(tokenHashOf(sessionId)).isPresent();
    }

    private List<String> liveIds(String userId, Instant now) {
        return sessions.listLive(userId, now).stream().map(Session::getId).toList();
    }

    // ---- create / findByTokenHash

    @Test
    void findByTokenHashReturnsTheSessionJoinedWithItsUser() {
        Session created = session("s-ann-2", "u-ann", T0.plus(DAY));
        sessions.create(newSession(created));

        Optional<SessionAndUser> found = sessions.findByTokenHash(tokenHashOf("s-ann-2"));

        assertThat(found).hasValueSatisfying(f -> {
            assertThat(f.session()).isEqualTo(created);
            assertThat(f.user()).isEqualTo(ann);
        });
    }

    @Test
    void findByTokenHashOfAnUnknownHashIsEmpty() {
        assertThat(sessions.findByTokenHash(tokenHashOf("s-nobody"))).isEmpty();
        assertThat(sessions.findByTokenHash("")).isEmpty();
    }

    @Test
    void findByTokenHashIsByHashNotById() {
        assertThat(sessions.findByTokenHash("s-ann-1")).isEmpty();
    }

    @Test
    void findByTokenHashAlsoReturnsExpiredSessions() {
        Session expired = session("s-old", "u-ann", T0, T0.plusSeconds(1));
        sessions.create(newSession(expired));

        assertThat(sessions.findByTokenHash(tokenHashOf("s-old")).map(SessionAndUser::session)).contains(expired);
    }

    @Test
    void absentIpUserAgentAndRememberFalseSurviveTheRoundTrip() {
        Session bare = new Session("s-bare", "u-ann", T0.plus(DAY), T0.plus(DAY), T0, T0, Optional.empty(),
                Optional.empty(), false);
        sessions.create(newSession(bare));

        Session back = stored("s-bare");
        assertThat(back).isEqualTo(bare);
        assertThat(back.ipAddress()).isEmpty();
        assertThat(back.userAgent()).isEmpty();
        assertThat(back.isRemember()).isFalse();
    }

    // ---- extend

    @Test
    void extendWritesWhenTheSessionWasLastRefreshedBeforeTheThreshold() {
        Instant now = T0.plus(Duration.ofDays(2));
        Instant newExpiry = now.plus(Duration.ofDays(7));

        boolean wrote = sessions.extend("s-ann-1", newExpiry, now, now.minus(DAY));

        assertThat(wrote).isTrue();
        Session after = stored("s-ann-1");
        assertThat(after.getExpiresAt()).isEqualTo(newExpiry);
        assertThat(after.getUpdatedAt()).isEqualTo(now);
        assertThat(after.getCreatedAt()).isEqualTo(T0);
        assertThat(after.getAbsoluteExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
    }

    @Test
    void aSecondExtendWithTheSameThresholdDoesNotWrite() {
        Instant now = T0.plus(Duration.ofDays(2));
        Instant threshold = now.minus(DAY);
        assertThat(sessions.extend("s-ann-1", now.plus(Duration.ofDays(7)), now, threshold)).isTrue();

        Instant slightlyLater = now.plusSeconds(5);
        boolean second = sessions.extend("s-ann-1", slightlyLater.plus(Duration.ofDays(7)), slightlyLater, threshold);

        assertThat(second).isFalse();
        assertThat(stored("s-ann-1").getUpdatedAt()).isEqualTo(now);
        assertThat(stored("s-ann-1").getExpiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
    }

    @Test
    void extendDoesNotWriteWhenLastRefreshedExactlyAtTheThreshold() {
        assertThat(sessions.extend("s-ann-1", T0.plus(Duration.ofDays(8)), T0.plus(DAY), T0)).isFalse();
        assertThat(stored("s-ann-1")).isEqualTo(session("s-ann-1", "u-ann", T0));
    }

    @Test
    void extendOfAnUnknownSessionDoesNotWrite() {
        assertThat(sessions.extend("s-nobody", T0.plus(Duration.ofDays(9)), T0.plus(Duration.ofDays(2)), T0.plus(DAY)))
                .isFalse();
    }

    @Test
    void concurrentExtendsWithTheSameThresholdWriteOnce() throws Exception {
        int threads = 8;
        Instant threshold = T0.plus(DAY);
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Instant now = T0.plus(Duration.ofDays(2)).plusSeconds(i);
                Callable<Boolean> extend = () -> {
                    start.await();
                    return sessions.extend("s-ann-1", now.plus(Duration.ofDays(7)), now, threshold);
                };
                results.add(pool.submit(extend));
            }
            int wrote = 0;
            for (Future<Boolean> result : results) {
                wrote += result.get() ? 1 : 0;
            }
            assertThat(wrote).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- delete, deleteOwned, deleteAllOf

    @Test
    void deleteRemovesTheSessionOnce() {
        assertThat(sessions.delete("s-ann-1")).isTrue();
        assertThat(exists("s-ann-1")).isFalse();
        assertThat(sessions.delete("s-ann-1")).isFalse();
        assertThat(exists("s-bob-1")).isTrue();
    }

    @Test
    void deleteOwnedRefusesAnotherUsersSession() {
        assertThat(sessions.deleteOwned("u-ann", "s-bob-1")).isFalse();
        assertThat(exists("s-bob-1")).isTrue();
    }

    @Test
    void deleteOwnedDeletesTheCallersOwnSession() {
        assertThat(sessions.deleteOwned("u-ann", "s-ann-1")).isTrue();
        assertThat(exists("s-ann-1")).isFalse();
        assertThat(sessions.deleteOwned("u-ann", "s-ann-1")).isFalse();
    }

    @Test
    void deleteAllOfWithKeepEndsEveryOtherSessionOfThatUserOnly() {
        sessions.create(newSession(session("s-ann-2", "u-ann", T0.plusSeconds(10))));
        sessions.create(newSession(session("s-ann-3", "u-ann", T0.plusSeconds(20))));

        int deleted = sessions.deleteAllOf("u-ann", Optional.of("s-ann-2"));

        assertThat(deleted).isEqualTo(2);
        assertThat(exists("s-ann-1")).isFalse();
        assertThat(exists("s-ann-2")).isTrue();
        assertThat(exists("s-ann-3")).isFalse();
        assertThat(exists("s-bob-1")).isTrue();
    }

    @Test
    void deleteAllOfWithoutKeepEndsEverySessionOfThatUserOnly() {
        sessions.create(newSession(session("s-ann-2", "u-ann", T0.plusSeconds(10))));

        int deleted = sessions.deleteAllOf("u-ann", Optional.empty());

        assertThat(deleted).isEqualTo(2);
        assertThat(liveIds("u-ann", T0)).isEmpty();
        assertThat(liveIds("u-bob", T0)).containsExactly("s-bob-1");
    }

    @Test
    void deleteAllOfKeepingAnotherUsersSessionStillEndsAllOfTheUsersOwn() {
        int deleted = sessions.deleteAllOf("u-ann", Optional.of("s-bob-1"));

        assertThat(deleted).isEqualTo(1);
        assertThat(exists("s-ann-1")).isFalse();
        assertThat(exists("s-bob-1")).isTrue();
    }

    // ---- listLive

    @Test
    void listLiveShowsTheUsersLiveSessionsNewestFirst() {
        Instant now = T0.plus(Duration.ofHours(5));
        sessions.create(newSession(session("s-ann-3", "u-ann", T0.plus(Duration.ofHours(3)))));
        sessions.create(newSession(session("s-ann-2", "u-ann", T0.plus(Duration.ofHours(2)))));
        sessions.create(newSession(session("s-ann-4", "u-ann", T0.plus(Duration.ofHours(4)))));

        assertThat(liveIds("u-ann", now)).containsExactly("s-ann-4", "s-ann-3", "s-ann-2", "s-ann-1");
    }

    @Test
    void listLiveExcludesExpiredSessionsIncludingOneExpiringExactlyNow() {
        Instant now = T0.plus(Duration.ofDays(3));
        sessions.create(newSession(session("s-expired", "u-ann", T0, now.minusSeconds(1))));
        sessions.create(newSession(session("s-ends-now", "u-ann", T0, now)));
        sessions.create(newSession(session("s-ends-later", "u-ann", T0.plusSeconds(1), now.plusSeconds(1))));

        assertThat(liveIds("u-ann", now)).containsExactly("s-ends-later", "s-ann-1");
        assertThat(session("s-ends-now", "u-ann", T0, now).isExpiredAt(now)).isTrue();
    }

    @Test
    void listLiveReturnsFullSessionsOfThatUserOnly() {
        assertThat(sessions.listLive("u-bob", T0)).containsExactly(session("s-bob-1", "u-bob", T0));
        assertThat(sessions.listLive("u-nobody", T0)).isEmpty();
    }

    // ---- deleteExpired

    @Test
    void deleteExpiredRemovesAtMostTheLimitAndOnlyExpiredSessions() {
        Instant now = T0.plus(Duration.ofDays(3));
        for (int i = 0; i < 5; i++) {
            sessions.create(newSession(session("s-exp-" + i, "u-ann", T0, now.minusSeconds(i))));   // i=0 ends exactly now
        }

        assertThat(sessions.deleteExpired(now, 3)).isEqualTo(3);
        assertThat(sessions.deleteExpired(now, 3)).isEqualTo(2);
        assertThat(sessions.deleteExpired(now, 3)).isZero();

        for (int i = 0; i < 5; i++) {
            assertThat(exists("s-exp-" + i)).as("s-exp-" + i).isFalse();
        }
        assertThat(exists("s-ann-1")).isTrue();
        assertThat(exists("s-bob-1")).isTrue();
    }

    @Test
    void deleteExpiredLeavesLiveSessionsAlone() {
        assertThat(sessions.deleteExpired(T0.plus(DAY), 100)).isZero();
        assertThat(count(ds, "sa_session")).isEqualTo(2);
    }
}
