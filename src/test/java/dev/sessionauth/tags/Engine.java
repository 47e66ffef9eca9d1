package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import dev.sessionauth.Caller;
import dev.sessionauth.ClientInfo;
import dev.sessionauth.Presented;
import dev.sessionauth.ResolveMode;
import dev.sessionauth.engine.SessionAuth;
import dev.sessionauth.SignUp;
import dev.sessionauth.SignedIn;
import dev.sessionauth.testing.TestServer;
import java.util.Optional;

/**
 * A real engine over a fresh in-memory H2 ({@code TestServer.engineBuilder()}), for building the {@link AuthContext}s
 * the filter would hand a page.
 */
final class Engine implements AutoCloseable {
    final SessionAuth auth = TestServer.engineBuilder().build();

    SignedIn signUp(String name, String email) {
        return auth.signUp(new SignUp(name, email, "correct horse battery", Optional.empty(), true),
                Caller.app(ClientInfo.unknown())).signedIn().orElseThrow();
    }

    AuthContext signedIn(SignedIn signedIn) {
        return auth.contextFor(auth.resolve(Presented.bearer(signedIn.token()), ResolveMode.PEEK));
    }

    AuthContext signedOut() {
        return auth.contextFor(auth.resolve(Presented.none(), ResolveMode.PEEK));
    }

    @Override
    public void close() {
        auth.close();
    }
}
