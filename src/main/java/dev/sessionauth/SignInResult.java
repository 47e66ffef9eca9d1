package dev.sessionauth;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a sign-in, whichever way in it took: signed in, a second step still to take (a pending sign-in is
 * remembered for this browser; no session yet), or a redirect to take (to an identity provider). The HTTP API answers
 * each as Better Auth does; the Java API returns it after setting the browser's cookies.
 */
public sealed interface SignInResult {
    /** The browser now has a session. */
    record SignedIn(User user, Session session) implements SignInResult {
        public SignedIn {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * The first factor held, and a second is needed before a session is made: send the user to the second-step page.
     *
     * @param methods the second factors the user can give, as Better Auth names them ({@code totp}, …)
     */
    record SecondStep(List<String> methods) implements SignInResult {
        public SecondStep {
            methods = List.copyOf(methods);
        }
    }

    /** The sign-in goes on elsewhere: send the browser to {@code url} (an identity provider's page). */
    record Redirect(String url) implements SignInResult {
        public Redirect {
            Objects.requireNonNull(url, "url");
        }
    }
}
