package dev.sessionauth.web;

import dev.sessionauth.engine.PathGuard;
import java.util.ArrayList;
import java.util.List;

/**
 * What a path asks of its request: protection (a session), and on top of it a verified address, a fresh sign-in, or
 * what the features' guards demand of the user.
 *
 * @param isProtected whether a session is required
 * @param verified whether the user's address must be verified
 * @param fresh whether the sign-in must be younger than {@code session.freshAge}
 * @param guards the features' demands whose patterns match ({@code twoFactor.required})
 */
record PathDemand(boolean isProtected, boolean verified, boolean fresh, List<PathGuard> guards) {
    PathDemand {
        guards = List.copyOf(guards);
    }

    PathDemand(boolean isProtected, boolean verified, boolean fresh) {
        this(isProtected, verified, fresh, List.of());
    }

    /** Everything either demand asks: a request that names one path and reaches another must meet both. */
    PathDemand and(PathDemand other) {
        List<PathGuard> both = new ArrayList<>(guards);
        other.guards.stream().filter(g -> !both.contains(g)).forEach(both::add);
        return new PathDemand(isProtected || other.isProtected, verified || other.verified, fresh || other.fresh,
                both);
    }
}
