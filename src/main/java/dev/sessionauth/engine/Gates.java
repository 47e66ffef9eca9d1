package dev.sessionauth.engine;

import dev.sessionauth.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gates of the started features, in registration order, consulted by every sign-in after its first factor.
 * Installed once, when the features have started (they need the session issuer, which needs the gates).
 */
final class Gates {
    private volatile List<SignInGate> gates = List.of();

    void install(List<SignInGate> started) {
        gates = List.copyOf(started);
    }

    /**
     * The first gate that asks for a second step, after every gate before it let the sign-in through; else the
     * sign-in let through with what each gate has to tell the browser, in order, and the session field values they
     * give.
     */
    SignInGate.Verdict check(User user, String method, boolean rememberMe, Caller caller) {
        BrowserUpdate told = BrowserUpdate.KEEP;
        Map<String, Object> fields = new HashMap<>();
        for (SignInGate gate : gates) {
            SignInGate.Verdict verdict = gate.judge(user, method, rememberMe, caller);
            if (verdict.step().isPresent()) {
                SignInOutcome.SecondStep step = verdict.step().get();
                return SignInGate.Verdict.secondStep(new SignInOutcome.SecondStep(step.methods(),
                        told.then(step.browser()), step.page()));
            }
            told = told.then(verdict.browser());
            fields.putAll(verdict.sessionFields());
        }
        return SignInGate.Verdict.through(told, fields);
    }

    /** Every gate admits the user to a session made without the gates, or one throws. */
    void admit(User user) {
        for (SignInGate gate : gates) {
            gate.admit(user);
        }
    }
}
