package dev.sessionauth.engine;

import dev.sessionauth.User;
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
}
