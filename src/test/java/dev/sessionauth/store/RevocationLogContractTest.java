package dev.sessionauth.store;

import dev.sessionauth.spi.Revocation;
import dev.sessionauth.spi.SessionStore;
import static dev.sessionauth.store.jdbc.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The revocation log of the {@link SessionStore} contract, the same in memory, in H2 and in PostgreSQL: entries read
 * back whole, in the order of their sequence numbers, from any point and page by page; pruning by age; writers that
 * race each get an entry of their own.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class RevocationLogContractTest extends StoreContract {
    private SessionStore sessions;

    @BeforeEach
    void sessions() {
        sessions = stores.sessions();
    }

    @Test
    void anEmptyLogHasNoEntries() {
        assertThat(sessions.revocationsAfter(0, 100)).isEmpty();
    }

    @Test
    void entriesReadBackWholeInTheOrderTheyWereLogged() {
        Revocation one = Revocation.one("u-ann", "s-1", T0);
        Revocation allBut = Revocation.allBut("u-ann", "s-2", T0.plusMillis(1500));
        Revocation all = Revocation.all("u-bob", T0.plusSeconds(3));
        sessions.logRevocation(one);
        sessions.logRevocation(allBut);
        sessions.logRevocation(all);

        List<Revocation.Logged> read = sessions.revocationsAfter(0, 100);

        assertThat(read).extracting(Revocation.Logged::revocation).containsExactly(one, allBut, all);
        assertThat(read).extracting(Revocation.Logged::sequence).isSorted().doesNotHaveDuplicates()
                .allMatch(seq -> seq > 0);
    }

    @Test
    void readingStartsAfterTheGivenSequenceAndStopsAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            sessions.logRevocation(Revocation.one("u-ann", "s-" + i, T0.plusSeconds(i)));
        }
        List<Revocation.Logged> all = sessions.revocationsAfter(0, 100);

        List<Revocation.Logged> firstPage = sessions.revocationsAfter(0, 2);
        List<Revocation.Logged> rest = sessions.revocationsAfter(firstPage.get(1).sequence(), 100);

        assertThat(firstPage).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(rest).containsExactlyElementsOf(all.subList(2, 5));
        assertThat(sessions.revocationsAfter(all.get(4).sequence(), 100)).isEmpty();
    }

    @Test
    void pruningRemovesAtMostTheLimitOfEntriesOlderThanTheCutOff() {
        for (int i = 0; i < 5; i++) {
            sessions.logRevocation(Revocation.one("u-ann", "s-" + i, T0.plus(Duration.ofMinutes(i))));
        }

        assertThat(sessions.deleteRevocationsBefore(T0.plus(Duration.ofMinutes(3)), 2)).isEqualTo(2);
        assertThat(sessions.deleteRevocationsBefore(T0.plus(Duration.ofMinutes(3)), 2)).isEqualTo(1);
        assertThat(sessions.deleteRevocationsBefore(T0.plus(Duration.ofMinutes(3)), 2)).isZero();

        assertThat(sessions.revocationsAfter(0, 100)).extracting(l -> l.revocation().sessionId())
                .containsExactly("s-3", "s-4");
    }

    @Test
    void sequenceNumbersKeepGrowingAfterTheLogWasPrunedEmpty() {
        sessions.logRevocation(Revocation.all("u-ann", T0));
        long first = sessions.revocationsAfter(0, 1).get(0).sequence();
        sessions.deleteRevocationsBefore(T0.plusSeconds(1), 100);

        sessions.logRevocation(Revocation.all("u-bob", T0.plusSeconds(2)));

        // A reader whose place is after the pruned entry still sees the new one.
        assertThat(sessions.revocationsAfter(first, 100)).extracting(l -> l.revocation().userId())
                .containsExactly("u-bob");
    }

    @Test
    void racingWritersEachGetAnEntryOfTheirOwn() throws Exception {
        List<Callable<Void>> writers = IntStream.range(0, 8).mapToObj(i -> (Callable<Void>) () -> {
            sessions.logRevocation(Revocation.one("u-" + i, "s-" + i, T0));
            return null;
        }).toList();

        racing(writers);

        List<Revocation.Logged> read = sessions.revocationsAfter(0, 100);
        Set<Long> sequences = new HashSet<>();
        read.forEach(l -> sequences.add(l.sequence()));
        assertThat(read).extracting(l -> l.revocation().userId())
                .containsExactlyInAnyOrder("u-0", "u-1", "u-2", "u-3", "u-4", "u-5", "u-6", "u-7");
        assertThat(sequences).hasSize(8);
    }

    @Test
    void anEntryEndsExactlyTheSessionsItsScopeNames() {
        Revocation one = Revocation.one("u-ann", "s-1", T0);
        Revocation allBut = Revocation.allBut("u-ann", "s-1", T0);
        Revocation all = Revocation.all("u-ann", T0);

        assertThat(one.ends("u-ann", "s-1")).isTrue();
        assertThat(one.ends("u-ann", "s-2")).isFalse();
        assertThat(one.ends("u-bob", "s-1")).as("someone else's handle ends nothing").isFalse();
        assertThat(allBut.ends("u-ann", "s-1")).isFalse();
        assertThat(allBut.ends("u-ann", "s-2")).isTrue();
        assertThat(all.ends("u-ann", "s-9")).isTrue();
        assertThat(all.ends("u-bob", "s-9")).isFalse();
        assertThatThrownBy(() -> new Revocation("u-ann", Revocation.Scope.ALL, "s-1", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
