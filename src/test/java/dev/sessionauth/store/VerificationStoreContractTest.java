package dev.sessionauth.store;

import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.spi.VerificationStore;
import static dev.sessionauth.store.jdbc.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link VerificationStore} contract, the same in memory, in H2 and in PostgreSQL: single use, expiry, cleanup. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class VerificationStoreContractTest extends StoreContract {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String ANN = "email-verification:u-ann";

    private VerificationStore secrets;

    @BeforeEach
    void secrets() {
        secrets = stores.verifications();
    }

    @Test
    void aSecretIsUsedOnceAndGivesItsIdentifier() {
        secrets.create("v1", ANN, "hash-1", T0.plus(HOUR), T0);

        assertThat(secrets.consume("hash-1", T0.plusSeconds(10))).contains(ANN);
        assertThat(secrets.consume("hash-1", T0.plusSeconds(11))).isEmpty();
    }

    @Test
    void anUnknownSecretGivesNothing() {
        secrets.create("v1", ANN, "hash-1", T0.plus(HOUR), T0);

        assertThat(secrets.consume("hash-2", T0)).isEmpty();
        assertThat(secrets.consume("", T0)).isEmpty();
        assertThat(secrets.consume("hash-1", T0)).contains(ANN);
    }

    @Test
    void anExpiredSecretIsUsedUpWithoutCountingIncludingOneExpiringExactlyNow() {
        secrets.create("v1", ANN, "hash-1", T0.plus(HOUR), T0);
        secrets.create("v2", ANN, "hash-2", T0.plus(HOUR), T0);

        assertThat(secrets.consume("hash-1", T0.plus(HOUR))).isEmpty();
        assertThat(secrets.consume("hash-1", T0)).isEmpty();
        assertThat(secrets.consume("hash-2", T0.plus(HOUR).minusMillis(1))).contains(ANN);
    }

    @Test
    void ofConcurrentUsesOfOneSecretExactlyOneWins() throws Exception {
        secrets.create("v1", ANN, "hash-1", T0.plus(HOUR), T0);
        List<Callable<Optional<String>>> clicks = IntStream.range(0, 8)
                .mapToObj(i -> (Callable<Optional<String>>) () -> secrets.consume("hash-1", T0)).toList();

        List<Optional<String>> used = racing(clicks);

        assertThat(used.stream().filter(Optional::isPresent).toList()).containsExactly(Optional.of(ANN));
    }

    @Test
    void deleteAllEndsEverySecretOfThatIdentifierOnly() {
        secrets.create("v1", ANN, "hash-1", T0.plus(HOUR), T0);
        secrets.create("v2", ANN, "hash-2", T0.plus(HOUR), T0);
        secrets.create("v3", "email-verification:u-bob", "hash-3", T0.plus(HOUR), T0);

        secrets.deleteAll(ANN);

        assertThat(secrets.consume("hash-1", T0)).isEmpty();
        assertThat(secrets.consume("hash-2", T0)).isEmpty();
        assertThat(secrets.consume("hash-3", T0)).contains("email-verification:u-bob");
    }

    @Test
    void deleteExpiredRemovesAtMostTheLimitAndOnlyExpiredSecrets() {
        Instant now = T0.plus(HOUR);
        for (int i = 0; i < 5; i++) {
            secrets.create("v-exp-" + i, ANN, "hash-exp-" + i, now.minusSeconds(i), T0);   // i=0 ends exactly now
        }
        secrets.create("v-live", ANN, "hash-live", now.plusSeconds(1), T0);

        assertThat(secrets.deleteExpired(now, 3)).isEqualTo(3);
        assertThat(secrets.deleteExpired(now, 3)).isEqualTo(2);
        assertThat(secrets.deleteExpired(now, 3)).isZero();
        assertThat(secrets.consume("hash-live", now)).contains(ANN);
    }

    @Test
    void aTakenValueOrIdIsRefusedAndTheFirstSecretKept() {
        secrets.create("v1", ANN, "hash-1", T0.plus(HOUR), T0);

        assertThatThrownBy(() -> secrets.create("v2", "other", "hash-1", T0.plus(HOUR), T0))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> secrets.create("v1", "other", "hash-2", T0.plus(HOUR), T0))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(secrets.consume("hash-2", T0)).isEmpty();
        assertThat(secrets.consume("hash-1", T0)).contains(ANN);
    }
}
