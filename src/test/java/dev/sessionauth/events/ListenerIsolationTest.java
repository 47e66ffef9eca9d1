package dev.sessionauth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.Session;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.events.Recorder.Event;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A slow, blocked or throwing listener never delays or fails an HTTP answer; the other listeners still hear
 * every event, in order, once the slow one lets go.
 */
class ListenerIsolationTest {
    private static final String PASSWORD = "correct horse battery staple";

    /** Blocks in every callback until released (bounded, so a broken test cannot hang the build). */
    static final class BlockedListener implements SessionListener {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        private void block() {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void created(Session session, User user) {
            block();
        }

        @Override
        public void revoked(Session session, RevocationReason reason) {
            block();
        }
    }

    /** Throws from every callback. */
    static final class ThrowingListener implements SessionListener {
        private final java.util.function.Supplier<? extends Throwable> failure;
        final AtomicInteger calls = new AtomicInteger();

        ThrowingListener(java.util.function.Supplier<? extends Throwable> failure) {
            this.failure = failure;
        }

        private void fail() {
            calls.incrementAndGet();
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) t;
        }

        @Override
        public void created(Session session, User user) {
            fail();
        }

        @Override
        public void revoked(Session session, RevocationReason reason) {
            fail();
        }

        @Override
        public void refreshed(Session session) {
            fail();
        }

        @Override
        public void expired(Session session) {
            fail();
        }
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(20, TimeUnit.SECONDS);
    }

    @Test
    void requestsCompleteWhileAListenerIsStillBlocked() throws InterruptedException {
        BlockedListener blocked = new BlockedListener();
        Recorder recorder = new Recorder();
        try (TestServer server = TestServer.builder().listener(blocked).listener(recorder)
                .set("protected", "/app/**").start()) {
            TestClient browser = server.client();
            TestClient.Reply up = browser.signUp("Slow", "slow@example.com", PASSWORD);
            assertThat(up.status()).isEqualTo(200);
            assertThat(await(blocked.entered)).as("the listener got the created event").isTrue();

            // The listener is stuck inside created(); every further request must still be answered.
            assertThat(browser.get("/app/x").status()).isEqualTo(200);
            TestClient other = server.client();
            assertThat(other.signIn("slow@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(other.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
            assertThat(browser.getSession().json().path("user").path("email").asText()).isEqualTo("slow@example.com");
            assertThat(blocked.release.getCount()).as("still blocked while all of that was answered").isEqualTo(1);
            assertThat(blocked.calls.get()).isEqualTo(1);

            blocked.release.countDown();
            assertThat(recorder.next(3)).extracting(Event::kind, Event::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("created", null),
                    org.assertj.core.groups.Tuple.tuple("created", null),
                    org.assertj.core.groups.Tuple.tuple("revoked", "SIGN_OUT"));
        } finally {
            blocked.release.countDown();
        }
    }

    @Test
    void aListenerThrowingAnExceptionBreaksNeitherTheRequestNorTheOtherListeners() {
        ThrowingListener throwing = new ThrowingListener(() -> new IllegalStateException("listener bug"));
        Recorder recorder = new Recorder();
        try (TestServer server = TestServer.builder().listener(throwing).listener(recorder).start()) {
            TestClient browser = server.client();
            assertThat(browser.signUp("Throw", "throw@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
            assertThat(browser.signIn("throw@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(recorder.next(3)).extracting(Event::kind).containsExactly("created", "revoked", "created");
            assertThat(throwing.calls.get()).isEqualTo(3);
        }
    }

    @Test
    void aListenerThrowingAnErrorDoesNotCostTheOtherListenersTheirEvents() {
        ThrowingListener throwing = new ThrowingListener(() -> new LinkageError("listener compiled against another version"));
        Recorder recorder = new Recorder();
        try (TestServer server = TestServer.builder().listener(throwing).listener(recorder).start()) {
            TestClient browser = server.client();
            assertThat(browser.signUp("Err", "error@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
            assertThat(browser.signIn("error@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(recorder.next(3)).extracting(Event::kind).containsExactly("created", "revoked", "created");
        }
    }

    @Test
    void aListenerThrowingAnErrorStillLetsLaterEventsThrough() {
        ThrowingListener throwing = new ThrowingListener(() -> new LinkageError("boom"));
        Recorder recorder = new Recorder();
        try (TestServer server = TestServer.builder().listener(recorder).listener(throwing).start()) {
            TestClient browser = server.client();
            assertThat(browser.signUp("Err2", "error2@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(browser.post("/api/auth/sign-out", "{}").status()).isEqualTo(200);
            assertThat(browser.signIn("error2@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(recorder.next(3)).extracting(Event::kind).containsExactly("created", "revoked", "created");
        }
    }
}
