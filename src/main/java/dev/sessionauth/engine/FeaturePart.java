package dev.sessionauth.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A started feature: where it stands in sign-in (a gate, if any), the cookies of its own it reads from requests,
 * and what it serves (its HTTP endpoints come from the web layer's {@code ApiRoutes}, which the same object may
 * implement). Closed with the engine.
 */
public interface FeaturePart extends AutoCloseable {
    /** A gate after the first factor, if the feature is one. */
    default Optional<SignInGate> gate() {
        return Optional.empty();
    }

    /** The names (after {@code cookie.prefix}) of its cookies, which requests then present to it. */
    default Set<String> cookies() {
        return Set.of();
    }

    /**
     * How many ways in this feature holds for the user (linked provider accounts, passkeys): with the password, what
     * {@link FeatureContext#waysIn} counts before a way in is removed, so no user is left without one.
     */
    default int waysIn(String userId) {
        return 0;
    }

    /**
     * Lets a {@link SensitiveAction} on {@code session} go ahead (returns) or refuses it (throws
     * {@link dev.sessionauth.AuthException}): asked of every started feature before the password or the e-mail
     * address changes or the account is deleted, whichever door the call came in by.
     */
    default void checkSensitive(dev.sessionauth.Session session, SensitiveAction action) {
    }

    /** What it demands of the signed-in user on some of the app's paths ({@code twoFactor.required}). */
    default List<PathGuard> pathGuards() {
        return List.of();
    }

    /**
     * The owner has taken the account back: changed or reset the password, or signed out everywhere. Forget what the
     * feature remembers in place of a sign-in of theirs (trusted devices), so someone who was in cannot stay in.
     * Called on the request's thread, after the change and before its answer.
     */
    default void accountTakenBack(String userId) {
    }

    @Override
    default void close() {
    }
}
