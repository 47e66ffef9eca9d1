package dev.sessionauth.hostile;

import dev.sessionauth.ChangeEmail;
import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.User;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.testing.SharedPostgres;
import dev.sessionauth.testing.TestServer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The race of the second hostile-input round: sign up, get your own verification link, then change the address to
 * the victim's and open your own link at the same moment. Hundreds of times, on H2 and on PostgreSQL, the account
 * never ends up with the victim's address marked verified: the link names the address it was mailed to, and marking
 * it verified is one write that holds only while the account still has it.
 */
@ParameterizedClass
@EnumSource(VerifiedAddressRaceTest.Database.class)
class VerifiedAddressRaceTest {
    /** The databases the race runs on. */
    enum Database { H2, POSTGRESQL }

    private static final int ROUNDS = 200;
    private static final LinkBase LINKS = new LinkBase("http://localhost:8080", "");
    private static final String PASSWORD = "plum tractor lantern";

    @Parameter
    Database database;

    private final BlockingQueue<Mail> mail = new LinkedBlockingQueue<>();
    private Engine auth;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        SessionAuthBuilder builder = TestServer.engineBuilder().set("emailVerification.sendOnSignUp", "true")
                .set("baseURL", "http://localhost:8080")
                .set("rateLimit.enabled", "false").mailSender(mail::add);
        if (database == Database.POSTGRESQL) {
            builder.set("jdbc.url", SharedPostgres.newDatabase("race").jdbcUrl());
        }
        auth = Engine.of(builder.build());
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        auth.close();
    }

    private Mail next(String to, Mail.Kind kind) throws InterruptedException {
        while (true) {
            Mail m = mail.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("a " + kind + " mail to " + to).isNotNull();
            if (m.to().equals(to) && m.kind() == kind) {
                return m;
            }
        }
    }

    @Test
    void changingTheAddressWhileOpeningTheOldLinkNeverVerifiesTheNewOne() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String own = "attacker-" + round + "@example.com";
            String victim = "victim-" + round + "@example.com";
            SignedIn in = auth.signUp(new SignUp("Mallory", own, PASSWORD, Optional.empty(), true),
                    Caller.app(ClientInfo.unknown())).signedIn().orElseThrow();
            String link = next(own, Mail.Kind.VERIFY_EMAIL).link();
            String token = link.substring(link.indexOf("token=") + 6);
            CyclicBarrier together = new CyclicBarrier(2);
            Future<?> change = pool.submit(() -> {
                together.await();
                return auth.changeEmail(auth.resolve(Presented.bearer(in.token()), ResolveMode.STORE),
                        ChangeEmail.to(victim), Caller.app(ClientInfo.unknown(), LINKS));
            });
            Future<Boolean> verify = pool.submit(() -> {
                together.await();
                try {
                    auth.verifyEmail(token, Presented.none());
                    return true;
                } catch (AuthException e) {
                    return false;
                }
            });
            change.get(30, TimeUnit.SECONDS);
            verify.get(30, TimeUnit.SECONDS);

            // Either the change came first (the victim's address, unverified: the old link proves nothing about it) or
            // the link did (the attacker's own address verified, so the change waits for a link mailed to the victim).
            User after = auth.resolve(Presented.bearer(in.token()), ResolveMode.STORE).user().orElseThrow();
            assertThat(after.getEmail()).isIn(own, victim);
            if (after.getEmail().equals(victim)) {
                assertThat(after.isEmailVerified()).as("round " + round + ": the victim's address, verified").isFalse();
            } else {
                assertThat(after.isEmailVerified()).as("round " + round + ": the link came first").isTrue();
            }
        }
    }
}
