package dev.sessionauth.twofactor;

import dev.sessionauth.Session;
import dev.sessionauth.engine.SignInGate;
import java.util.Arrays;
import java.util.Map;

/**
 * How a session was made, kept in its {@code amr} field (after OpenID's Authentication Method Reference, RFC 8176):
 * the first factor ({@code pwd}, {@code social:<provider>}, {@code passkey}), then {@code otp} when a code from the
 * app or a backup code followed, or {@code device} when a trusted device stood in for it; space-separated, as
 * {@code "pwd otp"}. An app reads it with {@code session.get("amr", String.class)}.
 */
final class SignInMethods {
    /** The session field. */
    static final String FIELD = "amr";
    /** A second factor: a code from the authenticator app or a backup code. */
    static final String CODE = "otp";
    /** A trusted device in place of the code. */
    static final String DEVICE = "device";

    private SignInMethods() {
    }

    /** The first factor of a sign-in by {@code method}, as the session records it. */
    static String firstFactor(String method) {
        return SignInGate.PASSWORD.equals(method) ? "pwd" : method;
    }

    /** The session field values for a sign-in by {@code method} followed by {@code second} (none: empty string). */
    static Map<String, Object> of(String method, String second) {
        String first = firstFactor(method);
        return Map.of(FIELD, second.isEmpty() ? first : first + " " + second);
    }

    /** {@code session}'s methods with {@code second} added (a code given while signed in: the enrolment's first). */
    static Map<String, Object> adding(Session session, String second) {
        String before = session.get(FIELD, String.class).orElse("").strip();
        return Map.of(FIELD, before.isEmpty() ? second
                : Arrays.asList(before.split(" +")).contains(second) ? before : before + " " + second);
    }

    /** {@code session}'s methods, for a session that replaces it. */
    static Map<String, Object> keeping(Session session) {
        return session.get(FIELD, String.class).<Map<String, Object>>map(m -> Map.of(FIELD, m)).orElse(Map.of());
    }
}
