package dev.sessionauth.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.hostile.MalformedRequests.AnsweredBy;
import dev.sessionauth.hostile.MalformedRequests.Case;
import dev.sessionauth.testing.RawExchange;
import dev.sessionauth.testing.RawExchange.Answer;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.UriCompliance;
import org.junit.jupiter.api.Test;

/**
 * Sends the {@link MalformedRequests} corpus over raw sockets to a real Jetty, to every endpoint under
 * {@code /api/auth} and to a protected and a public app path: with and without a session cookie and with and
 * without a trusted Origin on a server that lets URIs through {@code UNSAFE} (database strategy), then signed in
 * with a trusted Origin on one with Jetty's {@code DEFAULT} URI compliance, as deployments run it (jwt strategy).
 *
 * <p>Every answer must be: not a 5xx (a 503 {@code SERVICE_UNAVAILABLE} would be deliberate), free of anything
 * that names the software inside (exception names, stack frames, Java class names, Jackson), and, when it is a
 * 4xx from the filter, exactly our {@code {code, message}} JSON with the code's status and {@code no-store}.
 */
class MalformedRequestCorpusTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String TOKEN_COOKIE = "sessionauth.session_token";
    private static final String DATA_COOKIE = "sessionauth.session_data";

    /** What the software inside must never show: exception and class names, stack frames, the JSON library. */
    private static final Pattern LEAK_WORDS = Pattern.compile(
            "exception|jackson|com\\.fasterxml|org\\.eclipse|\\bjava\\.|\\bjakarta\\.|caused by", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]\\w+");
    private static final Set<String> CODES = new TreeSet<>(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());

    /** One way to present the request: with or without the session cookie, with or without a trusted Origin. */
    private record Context(boolean cookie, boolean origin) {
        @Override
        public String toString() {
            return (cookie ? "cookie" : "no cookie") + ", " + (origin ? "trusted Origin" : "no Origin");
        }
    }

    private static final List<Context> CONTEXTS = List.of(new Context(false, false), new Context(false, true),
            new Context(true, false), new Context(true, true));

    /** Counts for the note, and what went wrong. */
    private static final class Tally {
        final Map<Integer, Integer> byStatus = new TreeMap<>();
        final Map<String, Integer> byFamily = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        int requests;
        int byContainer;
        int renewals;

        void count(Case c, int status) {
            requests++;
            byStatus.merge(status, 1, Integer::sum);
            byFamily.merge(c.family(), 1, Integer::sum);
            if (c.answeredBy() != AnsweredBy.FILTER) {
                byContainer++;
            }
        }
    }

    @Test
    void everyMalformedRequestGetsOurOwn4xxAndNothingLeaks() {
        List<Case> corpus = MalformedRequests.all();
        Tally tally = new Tally();
        run("Jetty URIs UNSAFE, database strategy", TestServer.builder(), CONTEXTS, corpus, tally);
        // The second server differs in what Jetty decodes before the filter and in the jwt cookie cache: one
        // context, the one that goes deepest (signed in, trusted Origin), is enough to reach both.
        run("Jetty URIs DEFAULT, jwt strategy", TestServer.builder().uriCompliance(UriCompliance.DEFAULT)
                .set("session.strategy", "jwt"), List.of(new Context(true, true)), corpus, tally);

        System.out.println("Hostile corpus: " + tally.requests + " malformed requests (" + corpus.size()
                + " cases, in up to " + CONTEXTS.size() + " cookie/Origin contexts, on 2 servers)");
        System.out.println("  by status: " + tally.byStatus);
        System.out.println("  by family: " + tally.byFamily);
        System.out.println("  refused by Jetty's HTTP parser before any filter (4xx; 505 for an unknown HTTP version): "
                + tally.byContainer
                + "; sessions signed in again after a request ended one: " + tally.renewals);
        tally.failures.forEach(f -> System.out.println("FAIL " + f.lines().findFirst().orElse("")));
        assertThat(tally.requests).isGreaterThanOrEqualTo(1_000);
        assertThat(tally.failures).as("%d of %d answers were wrong; the first ones:%n%s", tally.failures.size(),
                tally.requests, String.join("\n", tally.failures.subList(0, Math.min(40, tally.failures.size()))))
                .isEmpty();
    }

    private static void run(String name, TestServer.Builder builder, List<Context> contexts, List<Case> corpus,
                            Tally tally) {
        // The requests that can end the session (sign-out, revoke-sessions) go last, so the session need not be
        // signed in again (bcrypt, ~70 ms) after nearly every one of them.
        List<Case> ordered = new ArrayList<>(corpus);
        ordered.sort(Comparator.comparing(c -> ENDS_SESSION.contains(c.target().path())));
        // Thousands of requests from one address in seconds: the limits are raised far out of reach (not switched
        // off, so the throttle's own code still runs on every malformed request) because this test is about answers.
        try (TestServer server = builder.set("protected", "/app/**").set("public", "/public/**")
                .set("rateLimit.max", "1000000").set("rateLimit.strict.max", "1000000")
                .set("rateLimit.signIn.maxFailures", "1000").start()) {
            Session session = new Session(server);
            for (Context context : contexts) {
                for (Case c : ordered) {
                    if (c.onlyTheBodyIsBad() && context.cookie() != context.origin()) {
                        // A cookie without Origin is refused before the body is read (CSRF), and an Origin without
                        // a cookie reads it as no Origin would: bad bodies go out signed in with Origin, and bare.
                        continue;
                    }
                    if (context.cookie() && session.ended() && !ENDS_SESSION.contains(c.target().path())) {
                        session.renew();
                        tally.renewals++;
                    }
                    String cookie = context.cookie() ? session.cookieHeader() : null;
                    String origin = context.origin() ? server.origin() : null;
                    byte[] bytes = c.request().bytes(server.port(), cookie, origin);
                    int sendBytes = c.request().sendBytes(bytes);
                    String where = name + " | " + context + " | " + c;
                    Answer answer;
                    try {
                        answer = sendBytes < 0 ? RawExchange.send(server.port(), bytes)
                                : RawExchange.sendOnly(server.port(), bytes, sendBytes);
                    } catch (UncheckedIOException e) {
                        tally.requests++;
                        tally.failures.add(where + ": no answer (" + e.getCause().getMessage() + ")");
                        continue;
                    }
                    tally.count(c, answer.status());
                    check(c, answer).ifPresent(problem -> tally.failures.add(where + ": " + problem + "\n    "
                            + shorten(answer.text())));
                    if (context.cookie() && answer.allHeaders("set-cookie").stream()
                            .anyMatch(h -> h.startsWith(TOKEN_COOKIE + "="))) {
                        // The request may (legitimately) have signed out or replaced the session, or only cleared
                        // a forged cookie it carried besides the good one: ask the server which.
                        session.check();
                    }
                }
                if (context.cookie()) {
                    session.renew();
                }
            }
        }
    }

    private static final Set<String> ENDS_SESSION = Set.of(MalformedRequests.BASE + "/sign-out",
            MalformedRequests.BASE + "/revoke-sessions");

    /** What is wrong with this answer, if anything. */
    private static Optional<String> check(Case c, Answer answer) {
        int status = answer.status();
        String text = answer.text();
        boolean deliberate = (status == 503 && text.contains("\"SERVICE_UNAVAILABLE\""))
                || (status == 505 && c.answeredBy() == AnsweredBy.CONTAINER_UNKNOWN_VERSION);
        if (status >= 500 && !deliberate) {
            return Optional.of("a " + status);
        }
        if (LEAK_WORDS.matcher(text).find() || CLASS_NAME.matcher(text).find() || text.contains("\tat ")) {
            return Optional.of("names the software inside");
        }
        if (c.answeredBy() == AnsweredBy.CONTAINER) {
            return status >= 400 && status < 500 ? Optional.empty()
                    : Optional.of("expected Jetty's parser to refuse it with a 4xx, got " + status);
        }
        if (c.answeredBy() == AnsweredBy.CONTAINER_UNKNOWN_VERSION) {
            return status == 505 ? Optional.empty() : Optional.of("expected Jetty's 505 for the version, got " + status);
        }
        if (status < 400 || status >= 500) {
            return Optional.empty();
        }
        if (!c.target().api() && status == 403 && browserNavigation(c)) {
            // Issue 13, on purpose: a browser refused on one of the app's pages gets the container's HTML error page.
            return answer.header("content-type").orElse("").toLowerCase(Locale.ROOT).startsWith("text/html")
                    && answer.header("cache-control").orElse("").contains("no-store") ? Optional.empty()
                    : Optional.of("a " + status + " to a browser that is not an uncached HTML page");
        }
        return ourError(answer, c.request().method().equals("HEAD"));
    }

    /** Whether the request says, as a browser navigation does, that it prefers HTML to JSON. */
    private static boolean browserNavigation(Case c) {
        return c.request().headerLines().stream().map(l -> l.toLowerCase(Locale.ROOT))
                .anyMatch(l -> l.startsWith("accept:") && l.contains("text/html") && !l.contains("application/json"));
    }

    /** A 4xx from the filter: exactly {code, message}, the code's own status, JSON, no-store; 405 names Allow. */
    private static Optional<String> ourError(Answer answer, boolean head) {
        if (!answer.header("content-type").orElse("").toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Optional.of("a " + answer.status() + " that is not JSON");
        }
        if (!answer.header("cache-control").orElse("").contains("no-store")) {
            return Optional.of("a " + answer.status() + " without Cache-Control: no-store");
        }
        if (answer.status() == 405 && answer.header("allow").isEmpty()) {
            return Optional.of("a 405 without Allow");
        }
        if (head) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(answer.body());
        } catch (IOException e) {
            return Optional.of("a " + answer.status() + " whose body is not JSON");
        }
        List<String> fields = new ArrayList<>();
        Iterator<String> names = json.fieldNames();
        names.forEachRemaining(fields::add);
        if (!json.isObject() || !new TreeSet<>(fields).equals(new TreeSet<>(List.of("code", "message")))
                || !json.path("code").isTextual() || !json.path("message").isTextual()
                || json.path("message").asText().isBlank()) {
            return Optional.of("not our {code, message}");
        }
        String code = json.path("code").asText();
        if (!CODES.contains(code) || ErrorCode.valueOf(code).status() != answer.status()) {
            return Optional.of("code " + code + " does not go with status " + answer.status());
        }
        return Optional.empty();
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\r\n", " | ");
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "..." : oneLine;
    }

    /** The signed-in account whose cookie the "cookie" contexts present; renewed when a request ends it. */
    private static final class Session {
        private final TestServer server;
        private final String email = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        private String cookieHeader;
        private boolean ended;

        Session(TestServer server) {
            this.server = server;
            TestClient browser = server.client();
            Reply up = browser.signUp("Hostile", email, PASSWORD);
            assertThat(up.status()).as(up.body()).isEqualTo(200);
            take(browser);
        }

        String cookieHeader() {
            return cookieHeader;
        }

        boolean ended() {
            return ended;
        }

        /** Asks get-session (no bcrypt, unlike signing in again) whether the session is still alive. */
        void check() {
            String request = "GET " + MalformedRequests.BASE + "/get-session?disableCookieCache=true HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\nCookie: " + cookieHeader
                    + "\r\n\r\n";
            Answer answer = RawExchange.send(server.port(), MalformedRequests.bytes(request));
            ended = answer.status() != 200 || answer.body().equals("null");
        }

        void renew() {
            TestClient browser = server.client();
            Reply in = browser.signIn(email, PASSWORD);
            assertThat(in.status()).as("signing in again: %s", in.body()).isEqualTo(200);
            take(browser);
        }

        private void take(TestClient browser) {
            ended = false;
            String token = browser.cookie(TOKEN_COOKIE).orElseThrow();
            cookieHeader = TOKEN_COOKIE + "=" + token
                    + browser.cookie(DATA_COOKIE).map(d -> "; " + DATA_COOKIE + "=" + d).orElse("");
        }
    }
}
