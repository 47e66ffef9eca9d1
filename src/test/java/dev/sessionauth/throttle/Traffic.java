package dev.sessionauth.throttle;

import static dev.sessionauth.testing.Accounts.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the throttle tests share: paths, accounts, form bodies, and many requests sent at once. */
final class Traffic {
    static final String WRONG = "wrong horse battery staple";

    private Traffic() {
    }

    /** Signs a new account up (from its own client) and returns its address. */
    static String account(TestServer server, String hint) {
        return Accounts.signUp(server, hint).email();
    }

    static void assertTooManyRequests(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(r.code()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(r.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(r.header("Cache-Control")).hasValue("no-store");
    }

    static long retryAfter(Reply r) {
        return Long.parseLong(r.header("Retry-After").orElseThrow());
    }

    static long count(List<Reply> replies, int status) {
        return replies.stream().filter(r -> r.status() == status).count();
    }

    /** Sends {@code n} requests at once (released together from {@code n} threads) and waits for every answer. */
    static List<Reply> atOnce(int n, Supplier<Reply> request) {
        List<CompletableFuture<Reply>> pending = start(n, request);
        List<Reply> replies = new ArrayList<>();
        pending.forEach(f -> replies.add(f.join()));
        return replies;
    }

    /** Starts {@code n} requests at once, released together; the caller collects the answers. */
    static List<CompletableFuture<Reply>> start(int n, Supplier<Reply> request) {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Reply>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return request.get();
            }, threads));
        }
        go.countDown();
        threads.shutdown();
        return pending;
    }

    /** A client whose every request says it came through our proxy from {@code address}. */
    static TestClient from(TestServer server, String address) {
        return server.client().header("X-Forwarded-For", address);
    }
}
