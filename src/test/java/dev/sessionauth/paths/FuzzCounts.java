package dev.sessionauth.paths;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Tallies what became of the fuzzer's requests on one container, per identity, for the report on stdout. */
final class FuzzCounts {
    /** Where one request ended. */
    enum Outcome {
        REACHED_GUARDED_SERVLET("reached a guarded servlet (demand met)"),
        REACHED_OPEN_SERVLET("reached an unguarded servlet"),
        REFUSED_BY_FILTER("refused 400 INVALID_PATH by the filter"),
        REFUSED_BY_CONTAINER("refused 400 by the container itself"),
        DENIED_BY_FILTER("denied by the filter (401/403/302 to login)"),
        OTHER("other (the auth API's own answers, container redirects)");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    private static final int SAMPLES = 3;

    private final Map<Identity, Map<Outcome, Integer>> counts = new EnumMap<>(Identity.class);
    private final Set<String> distinct = new HashSet<>();
    private final Map<Outcome, List<String>> samples = new EnumMap<>(Outcome.class);
    private int tries;
    private int bypasses;
    private List<String> resent = List.of();

    /** Counts one generated target; false if it was generated (and sent) before. */
    boolean firstTime(String target) {
        tries++;
        return distinct.add(target);
    }

    /** Counts one exchange; a bypass is counted here, and the test lists it separately. */
    void count(Identity who, Deployment.Exchange e) {
        if (e.bypassed()) {
            bypasses++;
        }
        Outcome outcome = outcome(e);
        counts.computeIfAbsent(who, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
        List<String> some = samples.computeIfAbsent(outcome, k -> new ArrayList<>());
        if (some.size() < SAMPLES) {
            some.add(who + " " + e.response().status() + " " + e.target());
        }
    }

    /** The probes that got no answer at first and were sent again (reported, not counted as outcomes). */
    void resent(List<String> probes) {
        this.resent = List.copyOf(probes);
    }

    int tries() {
        return tries;
    }

    /** How many different targets were sent. */
    int distinct() {
        return distinct.size();
    }

    int of(Identity who, Outcome outcome) {
        return counts.getOrDefault(who, Map.of()).getOrDefault(outcome, 0);
    }

    private static Outcome outcome(Deployment.Exchange e) {
        if (e.reachedGuardedServlet()) {
            return Outcome.REACHED_GUARDED_SERVLET;
        }
        if (!e.visits().isEmpty()) {
            return Outcome.REACHED_OPEN_SERVLET;
        }
        if (e.refusedByFilter()) {
            return Outcome.REFUSED_BY_FILTER;
        }
        if (e.refusedByContainer()) {
            return Outcome.REFUSED_BY_CONTAINER;
        }
        int status = e.response().status();
        String code = e.response().code();
        boolean toLogin = status == 302 && e.response().header("Location").orElse("").contains("/login?redirect=");
        if (toLogin || code.equals("UNAUTHORIZED") || code.equals("EMAIL_NOT_VERIFIED") || code.equals("SESSION_NOT_FRESH")) {
            return Outcome.DENIED_BY_FILTER;
        }
        return Outcome.OTHER;
    }

    /** A few lines for stdout. */
    String report(String container, FuzzSeed seed, double seconds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "PathFuzzTest on %s, %s: %d distinct raw paths (of %d generated), each sent anonymously and with"
                        + " the session of a signed-in user neither verified nor fresh = %d requests in %.1f s"
                        + " (start-up included); bypasses: %d (replay with %s)%n",
                container, seed, distinct.size(), tries, 2 * distinct.size(), seconds, bypasses, seed.replayFlag()));
        for (Identity who : counts.keySet()) {
            out.append("  ").append(who).append(':');
            for (Outcome o : Outcome.values()) {
                out.append(String.format(Locale.ROOT, " %s %d;", o.label, of(who, o)));
            }
            out.append(System.lineSeparator());
        }
        if (!resent.isEmpty()) {
            out.append(String.format(Locale.ROOT, "  sent again after no answer: %d, the first: %s%n", resent.size(),
                    resent.get(0)));
        }
        samples.forEach((o, some) -> some.forEach(t -> out.append("    e.g. ").append(o).append(": ").append(t)
                .append(System.lineSeparator())));
        return out.toString();
    }
}
