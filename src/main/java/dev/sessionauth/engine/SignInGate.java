package dev.sessionauth.engine;

import dev.sessionauth.User;
import java.util.Map;
import java.util.Optional;

/**
 * A gate every sign-in passes after its first factor held and before a session is made: a second factor, a ban.
 * A gate lets the sign-in through (empty), refuses it (throws {@link dev.sessionauth.AuthException}), or asks for a
 * second step (no session yet).
 */
public interface SignInGate {
    /** The method of a sign-in by e-mail and password. */
    String PASSWORD = "email";
    /** The method of a sign-in by passkey (itself two factors: a second step is never asked of it). */
    String PASSKEY = "passkey";

    /** The method of a sign-in through identity provider {@code providerId}. */
    static String social(String providerId) {
        return "social:" + providerId;
    }

    /**
     * Judges the sign-in of {@code user} by {@code method} (how the first factor was given: {@link #PASSWORD},
     * {@link #social}, {@link #PASSKEY}).
     */
    Optional<SignInOutcome.SecondStep> check(User user, String method, boolean rememberMe, Caller caller);

    /**
     * Asked whenever a session is made without the gates: a second step that has just held (so a ban that came
     * while it was pending still counts), an impersonation. A gate that refuses users outright (a ban) throws here
     * too; a gate that asks for steps lets the user through, as its step has been taken.
     *
     * @throws dev.sessionauth.AuthException the user may not have a session now
     */
    default void admit(User user) {
    }

    /**
     * As {@link #check}, for a gate that has something to tell the browser when it lets the sign-in through (a
     * trusted device's cookie, rotated as it is used). The engine asks this; the default is {@link #check} with
     * nothing to tell.
     */
    default Verdict judge(User user, String method, boolean rememberMe, Caller caller) {
        return check(user, method, rememberMe, caller).map(Verdict::secondStep).orElse(Verdict.THROUGH);
    }

    /**
     * A gate's answer: a second step to take, or the sign-in let through with what the browser must be told
     * ({@link BrowserUpdate#KEEP} for nothing) and values of session fields for the session about to be made (how it
     * was made: {@code amr}).
     */
    record Verdict(Optional<SignInOutcome.SecondStep> step, BrowserUpdate browser, Map<String, Object> sessionFields) {
        /** Let through, nothing to tell the browser. */
        public static final Verdict THROUGH = new Verdict(Optional.empty(), BrowserUpdate.KEEP, Map.of());

        public Verdict {
            sessionFields = Map.copyOf(sessionFields);
        }

        /** Let through, and tell the browser {@code browser} with the new session's cookie. */
        public static Verdict through(BrowserUpdate browser) {
            return new Verdict(Optional.empty(), browser, Map.of());
        }

        /** Let through, telling the browser {@code browser} and giving the new session these field values. */
        public static Verdict through(BrowserUpdate browser, Map<String, Object> sessionFields) {
            return new Verdict(Optional.empty(), browser, sessionFields);
        }

        /** Ask for {@code step} before any session is made. */
        public static Verdict secondStep(SignInOutcome.SecondStep step) {
            return new Verdict(Optional.of(step), BrowserUpdate.KEEP, Map.of());
        }
    }
}
