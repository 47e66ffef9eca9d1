package dev.sessionauth.oidc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * SessionAuth's HTTP to providers ({@code java.net.http}): a connect timeout, a whole-request deadline (headers and
 * body), answers capped in size, and redirects never followed (a token endpoint that redirects is refused, as Better
 * Auth does, so a code or secret is never carried to another host). One instance is shared by every provider.
 */
public final class OidcHttp {
    /** How long connecting to a provider may take unless configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one request to a provider may take, answer included, unless configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The largest answer read from a provider; discovery documents, key sets and token answers are a few KB. */
    static final int MAX_ANSWER_BYTES = 512 * 1024;

    private static final String USER_AGENT = "SessionAuth";

    private final HttpClient client;
    private final Duration requestTimeout;

    /** Requests that connect within {@code connectTimeout} and are answered in full within {@code requestTimeout}. */
    public OidcHttp(Duration connectTimeout, Duration requestTimeout) {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        this.requestTimeout = requestTimeout;
        // HTTP/1.1: nothing to gain from HTTP/2 for a few small requests, and no h2c upgrade dance with providers.
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** {@link #DEFAULT_CONNECT_TIMEOUT} and {@link #DEFAULT_REQUEST_TIMEOUT}. */
    public static OidcHttp defaults() {
        return new OidcHttp(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** The whole-request deadline. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** An answer as read: status, content type (lower case, without parameters; empty if none) and body. */
    record Answer(int status, String contentType, String body) {
        /** Whether the status is 2xx. */
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Whether the answer says it is JSON ({@code application/json} or {@code application/*+json}). */
        boolean isJson() {
            return "application/json".equals(contentType)
                    || (contentType.startsWith("application/") && contentType.endsWith("+json"));
        }
    }

    /** Why a request got no answer. The message is ours, without library text. */
    static final class CallFailed extends Exception {
        /** What went wrong. */
        enum Kind {
            /** No answer within the deadline. */
            TIMEOUT,
            /** The connection could not be made or broke. */
            UNREACHABLE,
            /** The answer was larger than {@link #MAX_ANSWER_BYTES}. */
            TOO_LARGE
        }

        private final Kind kind;

        CallFailed(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }

    /** GET {@code uri} with {@code headers}. */
    Answer get(URI uri, Map<String, String> headers) throws CallFailed {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        return send(request, headers, uri);
    }

    /** POST {@code form} as {@code application/x-www-form-urlencoded} to {@code uri} with {@code headers}. */
    Answer postForm(URI uri, Map<String, String> form, Map<String, String> headers) throws CallFailed {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form), StandardCharsets.UTF_8));
        return send(request, headers, uri);
    }

    /** {@code form} as {@code application/x-www-form-urlencoded} (UTF-8, in the map's order). */
    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** One value form-encoded (UTF-8; a space becomes {@code +}), as RFC 6749 Appendix B asks. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers, URI uri) throws CallFailed {
        request.timeout(requestTimeout).header("User-Agent", USER_AGENT);
        headers.forEach(request::header);
        String where = Urls.withoutQuery(uri);
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request.build(), info -> new CappedBody(MAX_ANSWER_BYTES));
        HttpResponse<byte[]> response;
        try {
            // The request's own timeout covers the wait for the headers only; this deadline covers the body too.
            response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new CallFailed(CallFailed.Kind.TIMEOUT, where + " did not answer within " + requestTimeout.toMillis()
                    + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallFailed(CallFailed.Kind.UNREACHABLE, "interrupted while waiting for " + where);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), where);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = contentType.indexOf(';');
        contentType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return new Answer(response.statusCode(), contentType, new String(response.body(), StandardCharsets.UTF_8));
    }

    private CallFailed failure(Throwable cause, String where) {
        if (cause instanceof AnswerTooLarge) {
            return new CallFailed(CallFailed.Kind.TOO_LARGE, where + " answered more than " + MAX_ANSWER_BYTES
                    + " bytes");
        }
        if (cause instanceof HttpTimeoutException) {
            return new CallFailed(CallFailed.Kind.TIMEOUT, where + " did not answer within "
                    + requestTimeout.toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return new CallFailed(CallFailed.Kind.UNREACHABLE, where + " refused or did not accept the connection");
        }
        if (cause instanceof IOException) {
            return new CallFailed(CallFailed.Kind.UNREACHABLE, where + " could not be reached or broke the connection");
        }
        return new CallFailed(CallFailed.Kind.UNREACHABLE, where + " could not be called");
    }

    /** The body grew past the cap. */
    private static final class AnswerTooLarge extends IOException {
        AnswerTooLarge() {
            super("answer too large", null);
        }
    }

    /** Collects a body up to a cap and gives up (cancelling the exchange) beyond it. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = Objects.requireNonNull(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (out.size() + buffer.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new AnswerTooLarge());
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
