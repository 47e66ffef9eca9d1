package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PathFuzzTest}'s differential fuzzing aimed at {@link WelcomeApp}: raw targets made of its folders, pages and
 * servlets ({@link RawPaths#WELCOME_NAMES}), ending in '/' far more often than the demo's so that the containers
 * look for welcome files, sent to every container with the filter mapped for every dispatch, anonymously (as a
 * browser) and with the session of a user neither verified nor fresh. Whatever the containers make of a target
 * (a welcome file, a forward, an include, an error page), a page may only be served to whoever meets its demand.
 *
 * <p>Same {@link FuzzSeed} as the other fuzzers ({@code -Dpaths.fuzz.seed} replays a run); {@value #DISTINCT}
 * different targets per container; the counts go to stdout.
 */
class WelcomeFuzzTest {
    private static final int DISTINCT = 3_000;
    private static final int LISTED = 20;

    /** Where one request ended. */
    private enum Outcome {
        SERVED_A_PAGE, DENIED_BY_FILTER, REFUSED_BY_FILTER, REFUSED_BY_CONTAINER, NOT_FOUND, SERVER_ERROR, OTHER
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Container.class)
    void noFuzzedTargetServesAPageThroughAWelcomeFileForwardIncludeOrErrorPageWithoutWhatItDemands(
            Container container) {
        FuzzSeed seed = FuzzSeed.fromSystemProperties();
        RawPaths paths = new RawPaths(seed.value(), RawPaths.WELCOME_NAMES, RawPaths.DIRECTORY_TAILS);
        Set<String> sent = new HashSet<>();
        Map<Identity, Map<Outcome, Integer>> counts = new EnumMap<>(Identity.class);
        List<String> bypasses = new ArrayList<>();
        List<String> serverErrors = new ArrayList<>();
        try (Deployment app = Deployment.start(container, "", WelcomeApp.SETTINGS,
                WelcomeApp.app("", WelcomeApp.Mapping.EVERY_DISPATCH))) {
            while (sent.size() < DISTINCT) {
                String target = paths.next();
                if (!sent.add(target)) {
                    continue;
                }
                for (Identity who : List.of(Identity.ANONYMOUS, Identity.STALE_UNVERIFIED)) {
                    Deployment.Exchange e = app.get(target, who,
                            who == Identity.ANONYMOUS ? "text/html,*/*;q=0.8" : "application/json");
                    List<String> pages = WelcomeApp.served(e.response().body());
                    // A page without its demand met, an unknown one, or a page's source sent as text.
                    if (pages.stream().anyMatch(p -> !WelcomeApp.PAGES.containsKey(p)
                            || !who.meets(WelcomeApp.PAGES.get(p))) || e.response().body().contains("source of")) {
                        bypasses.add(String.format(Locale.ROOT, "#%d GET %s as %s -> %d, served %s",
                                sent.size(), target, who, e.response().status(), pages));
                    }
                    Outcome outcome = outcome(e, pages);
                    if (outcome == Outcome.SERVER_ERROR) {
                        serverErrors.add(who + " " + target + " -> " + e.response().status() + " '"
                                + e.response().body() + "'");
                    }
                    counts.computeIfAbsent(who, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
                }
            }
        } finally {
            System.out.printf(Locale.ROOT, "WelcomeFuzzTest on %s, %s: %d distinct raw targets, each sent"
                    + " anonymously and as a user neither verified nor fresh; bypasses: %d; %s%n", container.label(),
                    seed, sent.size(), bypasses.size(), counts);
            serverErrors.stream().limit(LISTED).forEach(s -> System.out.println("    5xx: " + s));
            System.out.flush();
        }
        if (!bypasses.isEmpty()) {
            fail("%s, %s: %d requests served a page without what it demands; the first %d:%n  %s%nReplay: mvn -o"
                            + " test -Dtest=WelcomeFuzzTest %s", container.label(), seed, bypasses.size(),
                    Math.min(LISTED, bypasses.size()), String.join(System.lineSeparator() + "  ",
                            bypasses.subList(0, Math.min(LISTED, bypasses.size()))), seed.replayFlag());
        }
        // Jetty with UNSAFE compliance answers some targets whose servlet path starts with an empty segment 500 itself,
        // with an empty body (its default servlet cannot resolve their welcome file), filter or not.
        serverErrors.forEach(s -> assertThat(container == Container.JETTY_UNSAFE && s.endsWith("-> 500 ''"))
                .as(container.label() + ": " + s).isTrue());
        String which = container.label() + ", " + seed;
        Map<Outcome, Integer> anonymous = counts.get(Identity.ANONYMOUS);
        assertThat(anonymous.getOrDefault(Outcome.SERVED_A_PAGE, 0)).as(which).isPositive();
        assertThat(anonymous.getOrDefault(Outcome.DENIED_BY_FILTER, 0)).as(which).isPositive();
        assertThat(anonymous.getOrDefault(Outcome.REFUSED_BY_FILTER, 0)).as(which).isPositive();
        assertThat(counts.get(Identity.STALE_UNVERIFIED).getOrDefault(Outcome.SERVED_A_PAGE, 0)).as(which).isPositive();
    }

    private static Outcome outcome(Deployment.Exchange e, List<String> pages) {
        int status = e.response().status();
        String code = e.response().code();
        if (status >= 500) {
            return Outcome.SERVER_ERROR;
        }
        if (status == 400) {
            // The app shows /oops.jsp for the 400s it answers; the containers' own parsers answer before the app.
            return code.equals("INVALID_PATH") || pages.contains("/oops.jsp") ? Outcome.REFUSED_BY_FILTER
                    : Outcome.REFUSED_BY_CONTAINER;
        }
        if (status == 404) {
            return Outcome.NOT_FOUND;
        }
        boolean toLogin = status == 302 && e.response().header("Location").orElse("").contains("/login?redirect=");
        if (toLogin || code.equals("UNAUTHORIZED") || code.equals("EMAIL_NOT_VERIFIED")
                || code.equals("SESSION_NOT_FRESH")) {
            return Outcome.DENIED_BY_FILTER;
        }
        return pages.isEmpty() ? Outcome.OTHER : Outcome.SERVED_A_PAGE;
    }
}
