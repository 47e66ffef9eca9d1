package dev.sessionauth.engine;

import dev.sessionauth.SignInResult;
import java.util.List;
import java.util.Optional;

/**
 * How a sign-in ended, whichever way in it took: a session issued, a second step still to take (a pending sign-in
 * remembered for this browser, no session yet), or a redirect to take (to an identity provider). Each carries what
 * the browser must be told; the HTTP API answers each as Better Auth does, the Java API returns the public
 * {@link dev.sessionauth.SignInResult}.
 */
public sealed interface SignInOutcome {
    /** What the browser must be told. */
    BrowserUpdate browser();

    /** The outcome as the Java API tells it. */
    SignInResult result();

    /** A new session: its token cookie (and jwt cache) is in {@link SignedIn#browser()}. */
    record Issued(SignedIn signedIn) implements SignInOutcome {
        @Override
        public BrowserUpdate browser() {
            return signedIn.browser();
        }

        @Override
        public SignInResult result() {
            return new SignInResult.SignedIn(signedIn.user(), signedIn.session());
        }
    }

    /**
     * The first factor held; a second is needed. {@code browser} holds the pending sign-in's cookie; {@code page} is
     * where a plain HTML form's sign-in goes on (the app's page for the second step), if the feature names one.
     */
    record SecondStep(List<String> methods, BrowserUpdate browser, Optional<String> page) implements SignInOutcome {
        public SecondStep {
            methods = List.copyOf(methods);
        }

        @Override
        public SignInResult result() {
            return new SignInResult.SecondStep(methods);
        }
    }

    /** The sign-in goes on at {@code url}; {@code browser} holds what the way in must remember meanwhile. */
    record Redirect(String url, BrowserUpdate browser) implements SignInOutcome {
        @Override
        public SignInResult result() {
            return new SignInResult.Redirect(url);
        }
    }
}
