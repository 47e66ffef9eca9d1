package dev.sessionauth.throttle;

import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.throttle.Traffic.WRONG;
import static dev.sessionauth.throttle.Traffic.assertTooManyRequests;
import static dev.sessionauth.throttle.Traffic.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SharedPostgres;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rateLimit.storage=database}: two engines (two Jetty servers, two pools) on one database, H2 and
 * PostgreSQL, share each account's count of failed sign-ins, so a guesser gains nothing from a load balancer.
 */
class SharedCountersTest {

    /** Starts engines on one shared database, each with the given settings on top of the shared-counter ones. */
    interface Database {
        TestServer instance(MutableClock clock, String... settings);
    }

    static Stream<Arguments> databases() throws SQLException {
        String h2 = "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Database onH2 = (clock, settings) -> configured(TestServer.builder().shippedThrottle().clock(clock).jdbcUrl(h2),
                settings);

        SharedPostgres.Database shared = SharedPostgres.newDatabase("shared");
        Database onPostgres = (clock, settings) -> configured(TestServer.builder().shippedThrottle().clock(clock)
                .dataSource(shared.dataSource(), shared.jdbcUrl()), settings);
        return Stream.of(Arguments.of("H2", onH2),
                Arguments.of("PostgreSQL", onPostgres));
    }

    private static TestServer configured(TestServer.Builder b, String... settings) {
        b.set("rateLimit.storage", "database");
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        return b.start();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void failuresOnTwoInstancesAddUpToOneLockForRealAndUnknownAddresses(String name, Database db) {
        MutableClock clock = new MutableClock();
        try (TestServer a = db.instance(clock); TestServer b = db.instance(clock)) {
            String email = Traffic.account(a, "shared");
            String unknown = uniqueEmail("nobody");
            for (int i = 0; i < 5; i++) {
                TestServer via = i % 2 == 0 ? a : b;
                assertThat(via.client().signIn(email, WRONG).status()).isEqualTo(401);
                assertThat(via.client().signIn(unknown, WRONG).status()).isEqualTo(401);
                clock.advance(Duration.ofMinutes(1));
            }

            for (TestServer via : List.of(a, b)) {
                Reply real = via.client().signIn(email, PASSWORD);
                Reply made = via.client().signIn(unknown, PASSWORD);
                assertTooManyRequests(real);
                assertThat(made.status()).isEqualTo(429);
                assertThat(made.body()).isEqualTo(real.body());
                assertThat(made.header("Retry-After")).isEqualTo(real.header("Retry-After"))
                        .hasValue(Long.toString(Duration.ofMinutes(10).toSeconds()));
            }

            clock.advance(Duration.ofMinutes(10));
            assertThat(b.client().signIn(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSuccessOnOneInstanceClearsTheCountOnTheOther(String name, Database db) {
        MutableClock clock = new MutableClock();
        try (TestServer a = db.instance(clock); TestServer b = db.instance(clock)) {
            String email = Traffic.account(a, "cleared");
            for (int i = 0; i < 4; i++) {
                assertThat(a.client().signIn(email, WRONG).status()).isEqualTo(401);
            }
            assertThat(b.client().signIn(email, PASSWORD).status()).isEqualTo(200);
            for (int i = 0; i < 4; i++) {
                assertThat(a.client().signIn(email, WRONG).status()).isEqualTo(401);
            }
            assertThat(a.client().signIn(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theTableKeepsHashesNeverAddresses(String name, Database db) throws SQLException {
        MutableClock clock = new MutableClock();
        try (TestServer a = db.instance(clock)) {
            String email = uniqueEmail("private");
            a.client().signIn(email, WRONG);
            List<String> keys = new ArrayList<>();
            try (Connection c = a.database(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT limit_key, hits FROM sa_rate_limit")) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                    assertThat(rs.getInt(2)).isEqualTo(1);
                }
            }
            assertThat(keys).singleElement().satisfies(k -> {
                assertThat(k).matches("[A-Za-z0-9_-]{43}");
                assertThat(k).doesNotContain("private").doesNotContain("@");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBurstSpreadOverTwoInstancesGetsAtMostOneExtraGuessPerOtherHashingSlot(String name, Database db) {
        MutableClock clock = new MutableClock();
        try (TestServer a = db.instance(clock, "password.maxConcurrentHashes", "1");
             TestServer b = db.instance(clock, "password.maxConcurrentHashes", "1")) {
            String email = Traffic.account(a, "burst");
            List<CompletableFuture<Reply>> pending = new ArrayList<>();
            pending.addAll(Traffic.start(10, () -> a.client().signIn(email, WRONG)));
            pending.addAll(Traffic.start(10, () -> b.client().signIn(email, WRONG)));
            List<Reply> replies = pending.stream().map(CompletableFuture::join).toList();

            // One slot on each instance: two guesses may be in flight when the fifth failure is counted.
            assertThat(count(replies, 401)).isBetween(5L, 6L);
            assertThat(count(replies, 401) + count(replies, 429)).isEqualTo(20);
        }
    }
}
