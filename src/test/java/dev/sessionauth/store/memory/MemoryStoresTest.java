package dev.sessionauth.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.store.DuplicateEmailException;
import dev.sessionauth.store.NewSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory stores keep the promises the engine relies on, also under concurrent calls. */
class MemoryStoresTest {
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final MemoryStores stores = new MemoryStores();

    private static User user(String id, String email) {
        return new User(id, "Ann", email, false, Optional.empty(), NOW, NOW, Map.of());
    }

    private static NewSession session(String id, String userId, String hash) {
        return new NewSession(new Session(id, userId, NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(30)),
                NOW, NOW, Optional.empty(), Optional.empty(), true, Map.of()), hash);
    }

    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<T>> futures = IntStream.range(0, n).mapToObj(i -> pool.submit(call)).toList();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTakenAddressIsRefusedAndTheFirstSessionIsNotWritten() {
        stores.users().create(user("u1", "ann@example.com"), "hash", Optional.empty());
        assertThatThrownBy(() -> stores.users().create(user("u2", "ann@example.com"), "hash",
                Optional.of(session("s2", "u2", "h2")))).isInstanceOf(DuplicateEmailException.class);
        assertThat(stores.sessions().findByTokenHash("h2")).isEmpty();
        assertThat(stores.users().findById("u2")).isEmpty();
    }

    @Test
    void aSessionIsFoundByItsTokenHashWithItsUser() {
        stores.users().create(user("u1", "ann@example.com"), "hash", Optional.of(session("s1", "u1", "h1")));
        assertThat(stores.sessions().findByTokenHash("h1")).hasValueSatisfying(found -> {
            assertThat(found.session().getId()).isEqualTo("s1");
            assertThat(found.user().getEmail()).isEqualTo("ann@example.com");
        });
    }

    @Test
    void ofConcurrentRefreshesExactlyOneWrites() throws Exception {
        stores.users().create(user("u1", "ann@example.com"), "hash", Optional.of(session("s1", "u1", "h1")));
        Instant later = NOW.plus(Duration.ofDays(2));
        List<Boolean> wrote = concurrently(50, () -> stores.sessions().extend("s1", later.plus(Duration.ofDays(7)),
                later, later.minus(Duration.ofDays(1))));
        assertThat(wrote).containsOnlyOnce(true);
        assertThat(stores.sessions().findByTokenHash("h1").orElseThrow().session().getUpdatedAt()).isEqualTo(later);
    }

    @Test
    void ofConcurrentUsesOfOneSecretExactlyOneWins() throws Exception {
        stores.verifications().create("v1", "email-verification:u1", "vh", NOW.plus(Duration.ofHours(1)), NOW);
        List<Optional<String>> used = concurrently(50, () -> stores.verifications().consume("vh", NOW));
        assertThat(used.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    }

    @Test
    void anExpiredSecretIsUsedUpWithoutCounting() {
        stores.verifications().create("v1", "id", "vh", NOW.plus(Duration.ofHours(1)), NOW);
        assertThat(stores.verifications().consume("vh", NOW.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(stores.verifications().consume("vh", NOW)).isEmpty();
    }

    @Test
    void revokingOthersKeepsTheOneNamedAndListingIsNewestFirst() {
        stores.users().create(user("u1", "ann@example.com"), "hash", Optional.of(session("s1", "u1", "h1")));
        stores.sessions().create(new NewSession(session("s2", "u1", "h2").session().refreshed(
                NOW.plus(Duration.ofDays(8)), NOW.plusSeconds(1)), "h2"));
        assertThat(stores.sessions().deleteAllOf("u1", Optional.of("s2"))).isEqualTo(1);
        assertThat(stores.sessions().listLive("u1", NOW)).extracting(Session::getId).containsExactly("s2");
        assertThat(stores.sessions().deleteExpired(NOW.plus(Duration.ofDays(9)), 10)).isEqualTo(1);
    }

    @Test
    void theMetaValueWrittenFirstStays() {
        assertThat(stores.meta().putIfAbsent("secret", "a")).isEqualTo("a");
        assertThat(stores.meta().putIfAbsent("secret", "b")).isEqualTo("a");
    }
}
