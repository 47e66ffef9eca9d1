package dev.sessionauth.engine;

import dev.sessionauth.engine.Engine;
import dev.sessionauth.SessionAuth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.SignUp;
import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.store.memory.MemoryStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A sign-in racing the deletion of its account: the password checks out, then the user is gone before the session is
 * written. The answer is the one an unknown account gets (401), never a 503 that reports the race as an outage.
 */
class SignInRaceTest {
    private static final String PASSWORD = "plum tractor lantern";

    @Test
    void aSignInWhoseUserIsDeletedBeforeItsSessionIsWrittenIsAnUnknownAccount() {
        MemoryStores stores = new MemoryStores();
        UserStore users = stores.users();
        // Deletes the user right after handing out their credentials: the deletion lands inside the sign-in.
        UserStore racing = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(users, args);
                        if (method.getName().equals("findCredentials") && result instanceof Optional<?> found
                                && found.orElse(null) instanceof Credentials c && c.user().getName().equals("Doomed")) {
                            users.delete(c.user().getId());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Engine auth = Engine.of(SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", "sign-in-race-secret-0123456789-abcdefgh")
                .stores(racing, stores.sessions(), stores.verifications(), stores.meta()).build())) {
            auth.signUp(new SignUp("Doomed", "doomed@example.com", PASSWORD, Optional.empty(), true),
                    Caller.app(ClientInfo.unknown()));

            assertThatThrownBy(() -> auth.signIn(new SignIn("doomed@example.com", PASSWORD, true),
                    Caller.app(ClientInfo.unknown()))).isInstanceOfSatisfying(AuthException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
                        assertThat(e.status()).isEqualTo(401);
                    });
            assertThat(users.findCredentials("doomed@example.com")).isEmpty();
        }
    }
}
