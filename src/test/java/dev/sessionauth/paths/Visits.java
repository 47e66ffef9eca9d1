package dev.sessionauth.paths;

import java.util.ArrayList;
import java.util.List;

/** What the app's servlets saw: every run of a servlet, drained by the test after each request it sends. */
final class Visits {
    /** One servlet run: the mapping that matched, the request URI, and whether its demand was met. */
    record Visit(String pattern, String requestUri, Demand demand, boolean demandMet) {
        boolean guarded() {
            return demand != Demand.NONE;
        }
    }

    private final List<Visit> pending = new ArrayList<>();

    synchronized void record(Visit visit) {
        pending.add(visit);
    }

    /** The runs since the last call. */
    synchronized List<Visit> drain() {
        List<Visit> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
