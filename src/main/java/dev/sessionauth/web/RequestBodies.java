package dev.sessionauth.web;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.AddressKey;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the bodies of API requests so that a client cannot hold the app's threads by sending them slowly: each body
 * must arrive whole within {@code request.bodyTimeout} and, after a short grace, at a minimum rate; past either the
 * answer is 408 and the connection is closed. At most {@code request.maxConcurrentBodies} bodies per client address
 * are being read at once; the rest are refused with 429 before a byte is read.
 *
 * <p>Where the container lets the request go asynchronous (the filter is declared {@code async-supported}, as our
 * examples do), the body is read without a thread: the container calls back as bytes arrive, a timer ends a body
 * that takes too long, and only a complete body takes a thread to be answered. Elsewhere it is read on the request's
 * thread with the same deadline and rate, checked as each piece arrives; the container's own settings (Jetty's idle
 * timeout, Tomcat's {@code connectionUploadTimeout}) bound a client that sends nothing at all.
 */
final class RequestBodies {
    /** Bodies above this are refused with 413 before they are read. */
    static final int MAX_BYTES = 64 * 1024;
    /** How long a body may take before the minimum rate applies: a slow network's first round trips. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** The slowest a body may arrive after the grace, in bytes per second. */
    private static final long MIN_BYTES_PER_SECOND = 512;
    private static final String ATTRIBUTE = RequestBodies.class.getName();
    private static final System.Logger LOG = System.getLogger(RequestBodies.class.getName());

    private final Duration timeout;
    private final int maxPerAddress;
    private final boolean trustProxy;
    private final ConcurrentHashMap<String, AtomicInteger> reading = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    RequestBodies(Duration timeout, int maxPerAddress, boolean trustProxy) {
        this.timeout = timeout;
        this.maxPerAddress = maxPerAddress;
        this.trustProxy = trustProxy;
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sessionauth-body-deadlines");
            t.setDaemon(true);
            return t;
        });
        // Nearly every deadline is cancelled (the body arrives in time): drop them at once rather than keep a
        // request's worth of garbage in the timer's queue for the whole timeout.
        deadlines.setRemoveOnCancelPolicy(true);
        this.timer = deadlines;
    }

    /** Stops the timer of bodies being read without a thread. */
    void close() {
        timer.shutdownNow();
    }

    /** What to do with a body once it has arrived whole: answer the request. */
    @FunctionalInterface
    interface Then {
        void run() throws IOException;
    }

    /**
     * Reads the request's body (none for a request that declares none), keeps it for {@link #of}, then runs
     * {@code then}; or answers 408, 413 or 429 through {@code refuse} itself. {@code then} may run on another
     * thread than the caller's, after this method returned.
     */
    void read(HttpServletRequest request, HttpServletResponse response, Refusal refuse, Then then)
            throws IOException {
        long declared = request.getContentLengthLong();
        if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
            request.setAttribute(ATTRIBUTE, new byte[0]);
            then.run();
            return;
        }
        if (declared > MAX_BYTES) {
            answerClosing(refuse, response, tooLarge());
            return;
        }
        String address = AddressKey.of(ClientAddress.of(request, trustProxy));
        if (!enter(address)) {
            answerClosing(refuse, response, tooManyBodies(address));
            return;
        }
        if (request.isAsyncSupported()) {
            readAsync(request, response, refuse, then, address);
            return;
        }
        byte[] body;
        try {
            body = readBlocking(request);
        } catch (AuthException e) {
            answerClosing(refuse, response, e);
            return;
        } finally {
            leave(address);
        }
        request.setAttribute(ATTRIBUTE, body);
        then.run();
    }

    /**
     * Runs {@code read} (which makes the container read a form's body: {@code getParameter} for the CSRF token of a
     * form posted to the app's own page) as one of the address's bodies being read.
     *
     * @throws AuthException {@code TOO_MANY_REQUESTS}, unread, when the address has {@code request.maxConcurrentBodies}
     *                       being read already
     */
    boolean whileReading(HttpServletRequest request, java.util.function.BooleanSupplier read) {
        String address = AddressKey.of(ClientAddress.of(request, trustProxy));
        if (!enter(address)) {
            throw tooManyBodies(address);
        }
        try {
            return read.getAsBoolean();
        } finally {
            leave(address);
        }
    }

    /** The body {@link #read} read; empty for a request that sent none. */
    static byte[] of(HttpServletRequest request) {
        Object body = request.getAttribute(ATTRIBUTE);
        return body instanceof byte[] bytes ? bytes : new byte[0];
    }

    /** Answers a refusal; the body may be unread, so the connection ends with it. */
    @FunctionalInterface
    interface Refusal {
        void answer(HttpServletResponse response, AuthException refusal) throws IOException;
    }

    /**
     * Answers a refusal with {@code Connection: close} and sends it at once: the body may be unread, and the client
     * should have the answer before the container closes (or drains) the connection.
     */
    static void answerClosing(Refusal refuse, HttpServletResponse response, AuthException e) throws IOException {
        response.setHeader("Connection", "close");
        refuse.answer(response, e);
        response.flushBuffer();
    }

    private AuthException tooManyBodies(String address) {
        LOG.log(System.Logger.Level.WARNING, () -> "refused a request body from " + address + ": " + maxPerAddress
                + " of its bodies are being read already (request.maxConcurrentBodies)");
        return AuthException.tooManyRequests("Too many unfinished requests from your address; try again when they"
                + " are done", Duration.ofSeconds(1));
    }

    private boolean enter(String address) {
        AtomicInteger count = reading.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerAddress) {
            leave(address);
            return false;
        }
        return true;
    }

    private void leave(String address) {
        // Removed when it drops to zero, atomically with the decrement, so idle addresses hold no memory.
        reading.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    private byte[] readBlocking(HttpServletRequest request) {
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            ServletInputStream in = request.getInputStream();
            int n;
            while ((n = in.read(buffer)) != -1) {
                append(out, buffer, n);
                checkPace(start, out.size());
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AuthException refusal) {
                throw refusal;
            }
            throw unreadable(e);
        }
        return out.toByteArray();
    }

    private void readAsync(HttpServletRequest request, HttpServletResponse response, Refusal refuse, Then then,
                           String address) throws IOException {
        AsyncContext async = request.startAsync(request, response);
        // Our own timer, not the container's async timeout: that one cannot be stopped once the body is in, and would
        // cut off an answer that waits for a password check.
        async.setTimeout(0);
        Exchange exchange = new Exchange(async, response, refuse, address);
        exchange.deadline = timer.schedule(() -> exchange.refuse(timedOut()), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        ServletInputStream in = request.getInputStream();
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
                exchange.abandon();
            }

            @Override
            public void onComplete(AsyncEvent event) {
                exchange.completed();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        in.setReadListener(new ReadListener() {
            private final byte[] buffer = new byte[8192];

            @Override
            public void onDataAvailable() {
                try {
                    while (!exchange.isDone() && in.isReady()) {
                        int n = in.read(buffer);
                        if (n == -1) {
                            return;
                        }
                        append(out, buffer, n);
                        checkPace(start, out.size());
                    }
                } catch (AuthException e) {
                    exchange.refuse(e);
                } catch (IOException | RuntimeException e) {
                    exchange.refuse(unreadable(e));
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                if (exchange.finish()) {
                    request.setAttribute(ATTRIBUTE, out.toByteArray());
                    try {
                        then.run();
                    } finally {
                        async.complete();
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                exchange.refuse(unreadable(t));
            }
        });
    }

    /**
     * One body being read without a thread. Exactly one of these ends it, once: the whole body ({@link #finish}), a
     * refusal (too slow, too large, broken), or the container giving up on the connection ({@link #abandon}).
     */
    private final class Exchange {
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final Refusal refusal;
        private final String address;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;
        private volatile boolean completed;

        Exchange(AsyncContext async, HttpServletResponse response, Refusal refusal, String address) {
            this.async = async;
            this.response = response;
            this.refusal = refusal;
            this.address = address;
        }

        boolean isDone() {
            return done.get();
        }

        /** Claims the end of the exchange; whether this call did. */
        private boolean end() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> d = deadline;
            if (d != null) {
                d.cancel(false);
            }
            leave(address);
            return true;
        }

        boolean finish() {
            return end();
        }

        void refuse(AuthException e) {
            if (!end()) {
                return;
            }
            if (response.isCommitted()) {
                // The container answered already (Tomcat sends its own 400 for a body cut short): it finishes the
                // exchange through its error handling; the timer only makes sure it ends.
                timer.schedule(this::completeQuietly, GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            try {
                answerClosing(refusal, response, e);
            } catch (IOException | RuntimeException failed) {
                LOG.log(System.Logger.Level.DEBUG, () -> "could not answer a refused request body: " + failed);
            } finally {
                async.complete();
            }
        }

        void abandon() {
            end();
        }

        void completed() {
            completed = true;
            end();
        }

        private void completeQuietly() {
            if (!completed) {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyOver) {
                    // the container ended it in the meantime
                }
            }
        }
    }

    private static void append(ByteArrayOutputStream out, byte[] buffer, int n) {
        if (out.size() + n > MAX_BYTES) {
            throw tooLarge();
        }
        out.write(buffer, 0, n);
    }

    /** Refuses a body that has taken longer than the deadline, or arrives slower than the minimum rate. */
    private void checkPace(long startNanos, long bytes) {
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed > timeout.toNanos()) {
            throw timedOut();
        }
        long paced = elapsed - GRACE.toNanos();
        if (paced > 0 && bytes * 1_000_000_000L < paced * MIN_BYTES_PER_SECOND) {
            throw timedOut();
        }
    }

    private AuthException timedOut() {
        return new AuthException(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive in time: send it whole"
                + " within " + timeout.toSeconds() + " s");
    }

    private static AuthException tooLarge() {
        return new AuthException(ErrorCode.PAYLOAD_TOO_LARGE, "The body must be at most " + MAX_BYTES / 1024
                + " KiB");
    }

    private static AuthException unreadable(Throwable e) {
        // The client's mistake (a body shorter than its Content-Length, broken chunks, a dropped connection):
        // containers report it as an IOException (Jetty's EofException) or a runtime one (a bad-message exception),
        // and either way the answer is ours, never the container's error page.
        LOG.log(System.Logger.Level.DEBUG, () -> "request body unreadable: " + e);
        return new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The body could not be read: it ended before its"
                + " declared length or its chunked encoding is broken");
    }
}
