package dev.sessionauth.store;

import dev.sessionauth.spi.MetaStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link MetaStore} contract, the same in memory, in H2 and in PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class MetaStoreContractTest extends StoreContract {
    private MetaStore meta;

    @BeforeEach
    void meta() {
        meta = stores.meta();
    }

    @Test
    void anUnsetNameIsEmpty() {
        assertThat(meta.get("generated_secret")).isEmpty();
    }

    @Test
    void putIfAbsentStoresTheFirstValueAndReturnsIt() {
        assertThat(meta.putIfAbsent("generated_secret", "first")).isEqualTo("first");
        assertThat(meta.get("generated_secret")).contains("first");
    }

    @Test
    void putIfAbsentKeepsTheFirstValueAndReturnsItToLaterCallers() {
        meta.putIfAbsent("generated_secret", "first");

        assertThat(meta.putIfAbsent("generated_secret", "second")).isEqualTo("first");
        assertThat(meta.get("generated_secret")).contains("first");
    }

    @Test
    void everyInstanceOnTheSameStoreAgreesOnTheValue() {
        String a = stores.anotherMeta().get().putIfAbsent("generated_secret", "from-one");
        String b = stores.anotherMeta().get().putIfAbsent("generated_secret", "from-two");

        assertThat(a).isEqualTo("from-one");
        assertThat(b).isEqualTo("from-one");
    }

    @Test
    void instancesRacingToStoreANameAllEndUpWithTheSameValue() throws Exception {
        List<Callable<String>> racers = IntStream.range(0, 8).mapToObj(i -> {
            MetaStore instance = stores.anotherMeta().get();
            return (Callable<String>) () -> instance.putIfAbsent("generated_secret", "value-" + i);
        }).toList();

        Set<String> seen = new HashSet<>(racing(racers));

        assertThat(seen).hasSize(1);
        assertThat(meta.get("generated_secret")).contains(seen.iterator().next());
    }

    @Test
    void namesAreIndependent() {
        meta.putIfAbsent("a", "1");
        meta.putIfAbsent("b", "2");
        assertThat(meta.get("a")).contains("1");
        assertThat(meta.get("b")).contains("2");
    }

    @Test
    void replaceWritesOnlyOverTheExpectedValue() {
        meta.putIfAbsent("cleanup_lease", "a 1");

        assertThat(meta.replace("cleanup_lease", "b 1", "b 2")).isFalse();
        assertThat(meta.get("cleanup_lease")).contains("a 1");
        assertThat(meta.replace("cleanup_lease", "a 1", "b 2")).isTrue();
        assertThat(meta.get("cleanup_lease")).contains("b 2");
        assertThat(meta.replace("unset", "x", "y")).isFalse();
        assertThat(meta.get("unset")).isEmpty();
    }

    @Test
    void ofInstancesRacingToReplaceTheSameValueExactlyOneWins() throws Exception {
        meta.putIfAbsent("cleanup_lease", "free");
        List<Callable<Boolean>> racers = IntStream.range(0, 8).mapToObj(i -> {
            MetaStore instance = stores.anotherMeta().get();
            return (Callable<Boolean>) () -> instance.replace("cleanup_lease", "free", "holder-" + i);
        }).toList();

        List<Boolean> won = racing(racers);

        assertThat(won).containsOnlyOnce(true);
        assertThat(meta.get("cleanup_lease")).contains("holder-" + won.indexOf(true));
    }
}
