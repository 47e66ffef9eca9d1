package dev.sessionauth.throttle;

import dev.sessionauth.ChangeEmail;
import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.engine.PasswordChange;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.testing.TestServer;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The throttles are the engine's, so an app's own forms, which call the Java API, get the same limits as the HTTP
 * API: wrong current passwords lock the account, and mail to addresses a caller names is limited per client address.
 */
class JavaApiThrottleTest {
    private static final String PASSWORD = "plum tractor lantern";
    private static final LinkBase LINKS = new LinkBase("http://localhost:8080", "");
    private static final ClientInfo FORM = new ClientInfo(Optional.of("198.51.100.7"), Optional.of("Firefox"));

    private Engine auth;

    @BeforeEach
    void start() {
        auth = Engine.of(TestServer.engineBuilder().set("rateLimit.strict.max", "3").mailSender(m -> { }).build());
    }

    @AfterEach
    void stop() {
        auth.close();
    }

    private SignedIn signUp(String email) {
        return auth.signUp(new SignUp("Ada", email, PASSWORD, Optional.empty(), true), Caller.app(FORM))
                .signedIn().orElseThrow();
    }

    private Resolution session(SignedIn in) {
        return auth.resolve(Presented.bearer(in.token()), ResolveMode.STORE);
    }

    private static void assertThrottled(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            assertThat(e.retryAfter()).isPresent();
        });
    }

    @Test
    void wrongCurrentPasswordsThroughTheJavaApiLockTheAccountEvenForTheRightOne() {
        SignedIn in = signUp("locked@example.com");
        for (int i = 0; i < 5; i++) {
            String wrong = "wrong password " + i;
            assertThatThrownBy(() -> auth.changePassword(session(in), new PasswordChange(wrong, "velvet-otter-42",
                    false), Caller.app(FORM))).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PASSWORD));
        }
        assertThrottled(() -> auth.changePassword(session(in), new PasswordChange(PASSWORD, "velvet-otter-42", false),
                Caller.app(FORM)));
        assertThrottled(() -> auth.signIn(new SignIn("locked@example.com", PASSWORD, true), Caller.app(FORM)));
    }

    @Test
    void resetMailFromOneAddressIsLimitedLikeTheHttpApis() {
        signUp("reset@example.com");
        for (int i = 0; i < 3; i++) {
            auth.requestPasswordReset("reset@example.com", LINKS, Optional.empty(), FORM);
        }
        assertThrottled(() -> auth.requestPasswordReset("reset@example.com", LINKS, Optional.empty(), FORM));
        // Another address has an allowance of its own.
        auth.requestPasswordReset("reset@example.com", LINKS, Optional.empty(),
                new ClientInfo(Optional.of("198.51.100.8"), Optional.empty()));
    }

    @Test
    void addressChangesFromOneAddressAreLimitedLikeTheHttpApis() {
        SignedIn in = signUp("mover@example.com");
        for (int i = 0; i < 3; i++) {
            auth.changeEmail(session(in), ChangeEmail.to("target-" + i + "@example.com"), Caller.app(FORM, LINKS));
        }
        assertThrottled(() -> auth.changeEmail(session(in), ChangeEmail.to("one-more@example.com"),
                Caller.app(FORM, LINKS)));
    }

    @Test
    void signUpsFromOneAddressAreLimitedLikeTheHttpApis() {
        signUp("first@example.com");
        signUp("second@example.com");
        signUp("third@example.com");
        assertThrottled(() -> signUp("fourth@example.com"));
    }
}
