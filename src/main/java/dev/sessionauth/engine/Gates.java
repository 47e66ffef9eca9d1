package dev.sessionauth.engine;

import dev.sessionauth.User;
import java.util.List;
import java.util.Optional;

/**
 * The gates of the started features, in registration order, consulted by every sign-in after its first factor.
 * Installed once, when the features have started (they need the session issuer, which needs the gates).
 */
final class Gates {
    private volatile List<SignInGate> gates = List.of();

    void install(List<SignInGate> started) {
        gates = List.copyOf(started);
    }

    /** The first gate that asks for a second step, after every gate before it let the sign-in through. */
    Optional<SignInOutcome.SecondStep> check(User user, String method, boolean rememberMe, Caller caller) {
        for (SignInGate gate : gates) {
            Optional<SignInOutcome.SecondStep> step = gate.check(user, method, rememberMe, caller);
            if (step.isPresent()) {
                return step;
            }
        }
        return Optional.empty();
    }

    /** Every gate admits the user to a session made without the gates, or one throws. */
    void admit(User user) {
        for (SignInGate gate : gates) {
            gate.admit(user);
        }
    }
}
