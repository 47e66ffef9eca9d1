package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The differential fuzzer: {@link RawPaths} generates raw request targets aimed at the demo's guarded paths, and
 * each goes over a raw socket to the demo app in a real container, once with no cookie and once with the session
 * of a user who is signed in but neither verified nor freshly signed in. Whatever the filter and the container
 * make of the path, a servlet may only run when its demand was met: none of the guarded ones anonymously, no
 * {@code verified} or {@code fresh} one for that user. The container answering 400 itself is a pass.
 *
 * <p>Each container gets the same paths from the same {@link FuzzSeed} (fixed unless {@code -Dpaths.fuzz.seed}
 * says otherwise), until {@value #DISTINCT} different ones were sent. A run sends them all, collects every
 * bypass, and fails once at the end listing the first {@value #LISTED} with the seed that replays them. Each test
 * prints its counts to stdout (in surefire's {@code *-output.txt}), with any probe that got no answer and was sent
 * again ({@link Deployment#get}).
 */
class PathFuzzTest {
    /** Different targets each container is sent; repeats are not sent again. */
    private static final int DISTINCT = 10_000;
    /**
     * Targets generated at most: a generator that repeats itself this often has lost the variety the test relies
     * on (with the default seed, 10,067 are generated for 10,000 different ones).
     */
    private static final int MAX_GENERATED = 10 * DISTINCT;
    /** Bypasses listed in a failure. */
    private static final int LISTED = 20;

    /** A servlet that ran without what its mapping demands, and the request that made it run. */
    private record Bypass(int pathNumber, Identity who, Deployment.Exchange exchange) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%d GET %s as %s -> %d, ran %s", pathNumber, exchange.target(), who,
                    exchange.response().status(), exchange.visits());
        }
    }

    @Test
    void noFuzzedPathGetsPastTheFilterOnJetty(TestInfo test) {
        fuzz(Container.JETTY, test);
    }

    @Test
    void noFuzzedPathGetsPastTheFilterOnJettyWithUnsafeUriCompliance(TestInfo test) {
        fuzz(Container.JETTY_UNSAFE, test);
    }

    @Test
    void noFuzzedPathGetsPastTheFilterOnTomcat(TestInfo test) {
        fuzz(Container.TOMCAT, test);
    }

    private static void fuzz(Container container, TestInfo test) {
        FuzzSeed seed = FuzzSeed.fromSystemProperties();
        String replay = "mvn -o test -Dtest='PathFuzzTest#" + test.getTestMethod().orElseThrow().getName() + "' "
                + seed.replayFlag();
        RawPaths paths = new RawPaths(seed.value());
        FuzzCounts counts = new FuzzCounts();
        List<Bypass> bypasses = new ArrayList<>();
        long started = System.nanoTime();
        try (Deployment deployment = Deployment.start(container, "")) {
            while (counts.distinct() < DISTINCT) {
                if (counts.tries() >= MAX_GENERATED) {
                    fail("%s: only %d different paths in %d generated with %s; RawPaths has lost its variety",
                            container.label(), counts.distinct(), counts.tries(), seed);
                }
                String target = paths.next();
                if (!counts.firstTime(target)) {
                    continue;
                }
                for (Identity who : List.of(Identity.ANONYMOUS, Identity.STALE_UNVERIFIED)) {
                    Deployment.Exchange e = send(deployment, target, who, counts.distinct(), seed);
                    counts.count(who, e);
                    if (e.bypassed() || who == Identity.ANONYMOUS && e.reachedGuardedServlet()) {
                        bypasses.add(new Bypass(counts.distinct(), who, e));
                    }
                }
            }
            counts.resent(deployment.resent());
        } finally {
            System.out.print(counts.report(container.label(), seed, (System.nanoTime() - started) / 1e9));
            System.out.flush();
        }
        if (!bypasses.isEmpty()) {
            StringBuilder listed = new StringBuilder();
            bypasses.stream().limit(LISTED).forEach(b -> listed.append(System.lineSeparator()).append("  ").append(b));
            fail("%s, %s: %d of %d requests (%d different paths, each anonymously and as %s) ran a servlet without"
                            + " what its mapping demands, the first at path #%d; the first %d:%s%nReplay: %s",
                    container.label(), seed, bypasses.size(), 2 * counts.distinct(), counts.distinct(),
                    Identity.STALE_UNVERIFIED, bypasses.get(0).pathNumber(), Math.min(LISTED, bypasses.size()), listed,
                    replay);
        }
        // A fuzzer that never gets past the container, or never reaches a guarded servlet with the right session,
        // proves nothing; a run must exercise every kind of outcome.
        String which = container.label() + ", " + seed;
        assertThat(counts.of(Identity.STALE_UNVERIFIED, FuzzCounts.Outcome.REACHED_GUARDED_SERVLET)).as(which).isPositive();
        assertThat(counts.of(Identity.ANONYMOUS, FuzzCounts.Outcome.REACHED_OPEN_SERVLET)).as(which).isPositive();
        assertThat(counts.of(Identity.ANONYMOUS, FuzzCounts.Outcome.DENIED_BY_FILTER)).as(which).isPositive();
        assertThat(counts.of(Identity.ANONYMOUS, FuzzCounts.Outcome.REFUSED_BY_FILTER)).as(which).isPositive();
    }

    private static Deployment.Exchange send(Deployment deployment, String target, Identity who, int pathNumber,
            FuzzSeed seed) {
        try {
            // Anonymous asks like a browser (a denial is a redirect to the login page), the user like a client.
            return deployment.get(target, who, who == Identity.ANONYMOUS ? "text/html,*/*;q=0.8" : "application/json");
        } catch (RuntimeException e) {
            // The cause in the message itself: a CI summary shows only the first line.
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s, %s: path #%d %s as %s got no answer, sent again neither: %s", deployment.container().label(), seed,
                    pathNumber, target, who, e.getCause() == null ? e : e.getCause()), e);
        }
    }
}
