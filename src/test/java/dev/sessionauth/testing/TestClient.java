package dev.sessionauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client for tests: a real {@link HttpClient} with a cookie jar, sending {@code Origin} on
 * unsafe requests as browsers do, never following redirects.
 */
public final class TestClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern MAX_AGE = Pattern.compile("; Max-Age=(\\d+)");

    private final String origin;
    private final String basePath;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
    private boolean sendOrigin = true;

    private TestClient(String origin, String basePath) {
        this.origin = origin;
        this.basePath = basePath;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A client for the server at {@code origin} ({@code http://127.0.0.1:port}), with an empty cookie jar. */
    public static TestClient at(String origin) {
        return new TestClient(origin, "");
    }

    /**
     * A client for the application at {@code origin} under {@code contextPath} (e.g. {@code /shop}): the paths it
     * is given are the application's, the context path is put in front of them.
     */
    public static TestClient at(String origin, String contextPath) {
        return new TestClient(origin, contextPath);
    }

    /** One HTTP answer. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public List<String> allHeaders(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** The {@code Set-Cookie} header for a cookie name, if the answer set one. */
        public Optional<String> setCookie(String cookieName) {
            return allHeaders("Set-Cookie").stream().filter(h -> h.startsWith(cookieName + "=")).findFirst();
        }

        /** The error code of a JSON error answer. */
        public String code() {
            return json().path("code").asText();
        }
    }

    /** The {@code Max-Age} attribute of one {@code Set-Cookie} header; fails the test if it has none. */
    public static long maxAgeOf(String setCookieHeader) {
        Matcher m = MAX_AGE.matcher(setCookieHeader);
        if (!m.find()) {
            throw new AssertionError("no Max-Age in " + setCookieHeader);
        }
        return Long.parseLong(m.group(1));
    }

    /** Stop sending {@code Origin} on unsafe requests (as a non-browser client would). */
    public TestClient withoutOrigin() {
        sendOrigin = false;
        return this;
    }

    public TestClient header(String name, String value) {
        defaultHeaders.put(name, value);
        return this;
    }

    public Reply get(String path, String... headers) {
        return send(builder(path, headers).GET());
    }

    /** POST a JSON body (a string, so tests can send exactly what a client would, broken JSON included). */
    public Reply post(String path, String json, String... headers) {
        HttpRequest.Builder b = builder(path, headers).POST(HttpRequest.BodyPublishers.ofString(json));
        if (!hasHeader(headers, "Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    public Reply postForm(String path, String urlencoded, String... headers) {
        return send(builder(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlencoded)));
    }

    public Reply request(String method, String path, String body, String... headers) {
        return send(builder(path, headers).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs up through the API; the client is then signed in. */
    public Reply signUp(String name, String email, String password) {
        return post("/api/auth/sign-up/email", json(Map.of("name", name, "email", email, "password", password)));
    }

    public Reply signIn(String email, String password) {
        return post("/api/auth/sign-in/email", json(Map.of("email", email, "password", password)));
    }

    public Reply getSession() {
        return get("/api/auth/get-session");
    }

    /** The value of a cookie in the jar, if any. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Puts a cookie in the jar as if the server had set it (for forged or replayed cookies). */
    public void putCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(origin), cookie);
    }

    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    public static String json(Map<String, ?> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + basePath + path)).timeout(Duration.ofSeconds(30));
        defaultHeaders.forEach(b::header);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static boolean hasHeader(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private Reply send(HttpRequest.Builder b) {
        HttpRequest probe = b.copy().build();
        boolean unsafe = !List.of("GET", "HEAD", "OPTIONS").contains(probe.method());
        if (sendOrigin && unsafe && probe.headers().firstValue("Origin").isEmpty()) {
            b.header("Origin", origin);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
