package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * The differential fuzzer: {@link RawPaths} generates raw request targets aimed at the demo's guarded paths, and
 * each goes over a raw socket to the demo app in a real container, once with no cookie and once with the session
 * of a user who is signed in but neither verified nor freshly signed in. Whatever the filter and the container
 * make of the path, a servlet may only run when its demand was met: none of the guarded ones anonymously, no
 * {@code verified} or {@code fresh} one for that user. The container answering 400 itself is a pass.
 *
 * <p>Each property prints its counts to stdout (in surefire's {@code *-output.txt}).
 */
class PathFuzzTest {
    /** Generated targets per container; some repeat, and repeats are not sent again. */
    private static final int TRIES = 11_000;
    /** Different targets each container must have been sent by the end of a full run. */
    private static final int DISTINCT = 10_000;

    // jqwik makes one instance of this class per property, so each property has its own deployment.
    private Deployment deployment;
    private long started;
    private final FuzzCounts counts = new FuzzCounts();

    @Provide
    Arbitrary<String> rawTargets() {
        return RawPaths.targets();
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.RANDOM_SEED)
    void noFuzzedPathGetsPastTheFilterOnJetty(@ForAll("rawTargets") String target) {
        probe(Container.JETTY, target);
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.RANDOM_SEED)
    void noFuzzedPathGetsPastTheFilterOnJettyWithUnsafeUriCompliance(@ForAll("rawTargets") String target) {
        probe(Container.JETTY_UNSAFE, target);
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.RANDOM_SEED)
    void noFuzzedPathGetsPastTheFilterOnTomcat(@ForAll("rawTargets") String target) {
        probe(Container.TOMCAT, target);
    }

    private void probe(Container container, String target) {
        if (deployment == null) {
            started = System.nanoTime();
            deployment = Deployment.start(container, "");
        }
        if (!counts.firstTime(target)) {
            return;
        }
        for (Identity who : List.of(Identity.ANONYMOUS, Identity.STALE_UNVERIFIED)) {
            // Anonymous asks like a browser (a denial is a redirect to the login page), the user like a client.
            Deployment.Exchange e = deployment.get(target, who,
                    who == Identity.ANONYMOUS ? "text/html,*/*;q=0.8" : "application/json");
            counts.count(who, e);
            assertThat(e.bypassed())
                    .as("%s: %s as %s reached %s (answer %d)", container.label(), target, who, e.visits(),
                            e.response().status())
                    .isFalse();
            if (who == Identity.ANONYMOUS) {
                assertThat(e.reachedGuardedServlet()).as("%s: %s anonymously reached %s", container.label(), target,
                        e.visits()).isFalse();
            }
        }
    }

    @AfterProperty
    void reportAndStop() {
        if (deployment == null) {
            return;
        }
        try {
            System.out.print(counts.report(deployment.container().label(), (System.nanoTime() - started) / 1e9));
            System.out.flush();
            // A fuzzer that never gets past the container, or never reaches a guarded servlet with the right
            // session, proves nothing; a full run must exercise every kind of outcome.
            if (counts.tries() >= TRIES) {
                assertThat(counts.distinct()).isGreaterThanOrEqualTo(DISTINCT);
                assertThat(counts.of(Identity.STALE_UNVERIFIED, FuzzCounts.Outcome.REACHED_GUARDED_SERVLET)).isPositive();
                assertThat(counts.of(Identity.ANONYMOUS, FuzzCounts.Outcome.REACHED_OPEN_SERVLET)).isPositive();
                assertThat(counts.of(Identity.ANONYMOUS, FuzzCounts.Outcome.DENIED_BY_FILTER)).isPositive();
                assertThat(counts.of(Identity.ANONYMOUS, FuzzCounts.Outcome.REFUSED_BY_FILTER)).isPositive();
            }
        } finally {
            deployment.close();
        }
    }
}
