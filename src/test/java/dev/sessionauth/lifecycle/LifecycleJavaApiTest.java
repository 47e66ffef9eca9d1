package dev.sessionauth.lifecycle;

import dev.sessionauth.ChangeEmail;
import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.DeleteUser;
import dev.sessionauth.DeleteUserResult;
import dev.sessionauth.EmailChangeResult;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.engine.PasswordChange;
import dev.sessionauth.engine.PasswordChanged;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.store.memory.MemoryStores;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account lifecycle through the Java API, on the in-memory stores under the jwt strategy: each call returns a
 * value or throws an {@link AuthException} with its code, and a session answered from the jwt cache is read again
 * from the store first, so one revoked elsewhere changes nothing.
 */
class LifecycleJavaApiTest {
    private static final String PASSWORD = "plum tractor lantern";
    private static final LinkBase LINKS = new LinkBase("http://localhost:8080", "");

    private final BlockingQueue<Mail> mail = new LinkedBlockingQueue<>();
    private final MemoryStores stores = new MemoryStores();
    private Engine auth;

    @BeforeEach
    void start() {
        auth = Engine.of(SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", "lifecycle-java-api-secret-0123456789").set("session.strategy", "jwt")
                .mailSender(mail::add)
                .stores(stores.users(), stores.sessions(), stores.verifications(), stores.meta()).build());
    }

    @AfterEach
    void stop() {
        auth.close();
    }

    private SignedIn signIn(String email) {
        if (stores.users().findCredentials(email).isEmpty()) {
            auth.signUp(new SignUp("Ada", email, PASSWORD, Optional.empty(), true), Caller.app(ClientInfo.unknown()));
        }
        return ((SignInOutcome.Issued) auth.signIn(new SignIn(email, PASSWORD, true), Caller.app(ClientInfo.unknown()))).signedIn();
    }

    /** The resolution a page gets when the browser sends both cookies: answered from the jwt cache. */
    private Resolution cached(SignedIn in) {
        Presented browser = new Presented(List.of(new Presented.Candidate(Optional.of(in.token()),
                Presented.Source.COOKIE)), Optional.of(in.browser().cache().orElseThrow().jwt()));
        Resolution r = auth.resolve(browser, ResolveMode.PAGE);
        assertThat(r.cached()).isTrue();
        return r;
    }

    private Mail next() throws InterruptedException {
        Mail m = mail.poll(30, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        return m;
    }

    @Test
    void aCachedSessionRevokedElsewhereChangesNothing() {
        SignedIn in = signIn("cached@example.com");
        Resolution page = cached(in);
        auth.revokeAllSessions(in.user().getId());

        assertThatThrownBy(() -> auth.changePassword(page, new PasswordChange(PASSWORD, "velvet-otter-42", false),
                Caller.app(ClientInfo.unknown())))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThatThrownBy(() -> auth.deleteUser(page, DeleteUser.withPassword(PASSWORD), Optional.empty(),
                Caller.app(ClientInfo.unknown(), LINKS))).isInstanceOf(AuthException.class);
        assertThat(stores.users().findById(in.user().getId())).isPresent();
    }

    @Test
    void eachCallReturnsWhatHappened() throws Exception {
        SignedIn in = signIn("java@example.com");
        Resolution page = cached(in);

        PasswordChanged changed = auth.changePassword(page, new PasswordChange(PASSWORD, "velvet-otter-42", true),
                Caller.app(ClientInfo.unknown()));
        assertThat(changed.newSession()).isPresent();
        assertThat(changed.toString()).doesNotContain(changed.newSession().get().token());
        assertThatThrownBy(() -> auth.changePassword(auth.resolve(Presented.bearer(changed.newSession().get().token()),
                ResolveMode.STORE), new PasswordChange("wrong password", "another-good-one", false),
                Caller.app(ClientInfo.unknown())))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PASSWORD);
                    assertThat(e.status()).isEqualTo(400);
                });

        Resolution now = auth.resolve(Presented.bearer(changed.newSession().get().token()), ResolveMode.STORE);
        EmailChangeResult moved = auth.changeEmail(now, ChangeEmail.to("moved@example.com"),
                Caller.app(ClientInfo.unknown(), LINKS)).value();
        assertThat(moved.status()).isEqualTo(EmailChangeResult.Status.CHANGED);
        assertThat(moved.user().getEmail()).isEqualTo("moved@example.com");
        Mail notice = next();
        assertThat(notice.kind()).isEqualTo(Mail.Kind.EMAIL_CHANGED);
        assertThat(notice.to()).isEqualTo("java@example.com");
        assertThat(next().kind()).isEqualTo(Mail.Kind.VERIFY_EMAIL);
        signIn("taken@example.com");
        assertThat(auth.changeEmail(auth.resolve(Presented.bearer(changed.newSession().get().token()),
                ResolveMode.STORE), ChangeEmail.to("taken@example.com"), Caller.app(ClientInfo.unknown(), LINKS))
                .value().status())
                .isEqualTo(EmailChangeResult.Status.ADDRESS_TAKEN);

        auth.requestPasswordReset("moved@example.com", LINKS, Optional.of("/reset"), ClientInfo.unknown());
        Mail reset = next();
        assertThat(reset.kind()).isEqualTo(Mail.Kind.RESET_PASSWORD);
        String token = reset.link().replaceAll(".*/reset-password/([A-Za-z0-9_-]{43}).*", "$1");
        assertThat(auth.isPasswordResetValid(token)).isTrue();
        assertThat(auth.resetPassword(token, "a third good password", ClientInfo.unknown()).getEmail()).isEqualTo("moved@example.com");
        assertThat(auth.isPasswordResetValid(token)).isFalse();
        assertThat(auth.listSessions(in.user().getId())).as("the reset ended every session").isEmpty();

        SignedIn again = ((SignInOutcome.Issued) auth.signIn(new SignIn("moved@example.com", "a third good password", true),
                Caller.app(ClientInfo.unknown()))).signedIn();
        DeleteUserResult deleted = auth.deleteUser(auth.resolve(Presented.bearer(again.token()), ResolveMode.STORE),
                DeleteUser.withFreshSession(), Optional.empty(), Caller.app(ClientInfo.unknown(), LINKS)).value();
        assertThat(deleted.status()).isEqualTo(DeleteUserResult.Status.DELETED);
        assertThat(stores.users().findById(in.user().getId())).isEmpty();
    }
}
