package dev.sessionauth.tags;

import dev.sessionauth.engine.Engine;
import dev.sessionauth.AuthContext;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.testing.TestServer;
import java.util.Optional;

/**
 * A real engine over a fresh in-memory H2 ({@code TestServer.engineBuilder()}), for building the {@link AuthContext}s
 * the filter would hand a page.
 */
final class TagEngine implements AutoCloseable {
    final Engine auth = Engine.of(TestServer.engineBuilder().build());

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
