package dev.sessionauth.store;

import dev.sessionauth.spi.Rows;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.NoSuchUserException;
import dev.sessionauth.spi.SessionAndUser;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.spi.UserStore;
import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link SessionStore} contract, the same in memory, in H2 and in PostgreSQL: lookup by token hash, expiry,
 * the conditional sliding refresh, deletes, listing, and declared fields read back as a column gives them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class SessionStoreContractTest extends StoreContract {

    private static final Duration DAY = Duration.ofDays(1);

    private SessionStore sessions;
    private UserStore users;

    private final User ann = user("u-ann", "ann@example.com");
    private final User bob = user("u-bob", "bob@example.com");

    @BeforeEach
    void twoUsersWithOneSessionEach() {
        sessions = stores.sessions();
        users = stores.users();
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
        assertThat(back.getIpAddress()).isNull();
        assertThat(back.getUserAgent()).isNull();
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
        Instant threshold = T0.plus(DAY);
        List<Instant> nows = IntStream.range(0, 8).mapToObj(i -> T0.plus(Duration.ofDays(2)).plusSeconds(i)).toList();
        List<Callable<Boolean>> extends_ = nows.stream().map(now -> (Callable<Boolean>) () ->
                sessions.extend("s-ann-1", now.plus(Duration.ofDays(7)), now, threshold)).toList();

        List<Boolean> wrote = racing(extends_);

        assertThat(wrote).containsOnlyOnce(true);
        Instant winner = nows.get(wrote.indexOf(true));
        assertThat(stored("s-ann-1").getUpdatedAt()).isEqualTo(winner);
        assertThat(stored("s-ann-1").getExpiresAt()).isEqualTo(winner.plus(Duration.ofDays(7)));
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
        assertThat(exists("s-ann-1")).isTrue();
        assertThat(exists("s-bob-1")).isTrue();
    }

    // ---- what a database would refuse

    @Test
    void aSessionWhoseTokenHashIsTakenIsRefusedAndTheOtherKept() {
        Session other = session("s-ann-2", "u-ann", T0.plusSeconds(10));

        assertThatThrownBy(() -> sessions.create(new NewSession(other, tokenHashOf("s-ann-1"))))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(stored("s-ann-1")).isEqualTo(session("s-ann-1", "u-ann", T0));
        assertThat(liveIds("u-ann", T0.plusSeconds(20))).containsExactly("s-ann-1");
    }

    @Test
    void aSessionWhoseIdIsTakenIsRefused() {
        assertThatThrownBy(() -> sessions.create(new NewSession(session("s-ann-1", "u-ann", T0.plusSeconds(10)),
                tokenHashOf("s-other")))).isInstanceOf(StoreUnavailableException.class);

        assertThat(exists("s-other")).isFalse();
        assertThat(stored("s-ann-1")).isEqualTo(session("s-ann-1", "u-ann", T0));
    }

    @Test
    void aSessionOfAnUnknownUserIsRefused() {
        assertThatThrownBy(() -> sessions.create(newSession(session("s-ghost", "u-nobody", T0))))
                .as("the user's race, not an outage").isInstanceOf(NoSuchUserException.class);

        assertThat(exists("s-ghost")).isFalse();
        assertThat(sessions.listLive("u-nobody", T0)).isEmpty();
    }

    // ---- declared additional fields

    @Test
    void declaredSessionFieldsRoundTripAsTheirColumnsReadBack() throws Exception {
        SessionStore withFields = withDeclaredFields();
        Map<String, Object> given = new HashMap<>();
        given.put("device", "laptop");
        given.put("trusted", true);
        given.put("score", 3);                                   // an int goes in, a Long comes out
        given.put("prefs", Map.of("theme", "dark", "size", 2L)); // JSON: numbers come back as JSON reads them
        given.put("undeclared", "dropped");
        withFields.create(newSession(Rows.withFields(session("s-f", "u-ann", T0), given, T0)));

        Map<String, Object> back = withFields.findByTokenHash(tokenHashOf("s-f")).orElseThrow().session().getFields();

        assertThat(back).containsOnlyKeys("device", "trusted", "score", "ratio", "prefs");
        assertThat(back.get("device")).isEqualTo("laptop");
        assertThat(back.get("trusted")).isEqualTo(true);
        assertThat(back.get("score")).isEqualTo(3L);
        assertThat(back.get("ratio")).isEqualTo(0.5);            // absent: the declared default
        assertThat(back.get("prefs")).isEqualTo(Map.of("theme", "dark", "size", 2));
        assertThat(withFields.listLive("u-ann", T0).stream().filter(s -> s.getId().equals("s-f")))
                .singleElement().satisfies(s -> assertThat(s.getFields()).isEqualTo(back));
    }

    @Test
    void updateFieldsSetsOnlyTheNamedDeclaredFieldsAndKeepsUpdatedAt() throws Exception {
        SessionStore withFields = withDeclaredFields();
        withFields.create(newSession(Rows.withFields(session("s-f", "u-ann", T0),
                Map.of("device", "laptop", "trusted", true, "score", 7), T0)));
        Map<String, Object> changes = new HashMap<>();
        changes.put("device", "phone");
        changes.put("score", null);                              // cleared: reads back as absent (no default)
        changes.put("ratio", 1.5);
        changes.put("undeclared", "ignored");

        assertThat(withFields.updateFields("s-f", changes, T0.plus(DAY))).isTrue();
        assertThat(withFields.updateFields("s-nobody", changes, T0.plus(DAY))).isFalse();

        Session back = withFields.findByTokenHash(tokenHashOf("s-f")).orElseThrow().session();
        assertThat(back.getFields()).containsOnlyKeys("device", "trusted", "ratio", "prefs");
        assertThat(back.getFields()).containsEntry("device", "phone").containsEntry("trusted", true)
                .containsEntry("ratio", 1.5);
        assertThat(back.getUpdatedAt()).isEqualTo(T0);
    }

    @Test
    void aJsonFieldGivenNoValueReadsBackAsAPresentNull() throws Exception {
        SessionStore withFields = withDeclaredFields();
        withFields.create(newSession(session("s-f", "u-ann", T0)));

        Map<String, Object> back = withFields.findByTokenHash(tokenHashOf("s-f")).orElseThrow().session().getFields();

        assertThat(back).containsKey("prefs");
        assertThat(back.get("prefs")).isNull();
        assertThat(back).doesNotContainKeys("device", "trusted", "score");
    }

    /** Fresh stores with declared session fields, Ann signed up. */
    private SessionStore withDeclaredFields() throws Exception {
        StoreBackend.Stores declared = open(List.of(), List.of(
                new AdditionalField("device", AdditionalField.Type.STRING, false, Optional.empty(), true),
                new AdditionalField("trusted", AdditionalField.Type.BOOLEAN, false, Optional.empty(), false),
                new AdditionalField("score", AdditionalField.Type.NUMBER, false, Optional.empty(), true),
                new AdditionalField("ratio", AdditionalField.Type.NUMBER, false, Optional.of(0.5), true),
                new AdditionalField("prefs", AdditionalField.Type.JSON, false, Optional.empty(), true)));
        declared.users().create(ann, "h", Optional.empty());
        return declared.sessions();
    }
}
