package dev.sessionauth.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The corpus: malformed requests generated deterministically (enumerated, plus byte mutations from a fixed seed)
 * for every endpoint under {@code /api/auth} and for a protected and a public app path. Each request leaves out
 * the headers that depend on the run (Host, the session cookie, Origin); {@link Request#bytes} adds them.
 */
final class MalformedRequests {
    /** One place requests go: its path, the method it takes, the query parameters it reads. */
    record Target(String path, String method, List<String> queryParameters, boolean api) {
        boolean takesBody() {
            return method.equals("POST");
        }
    }

    /**
     * Who answers the request. {@code CONTAINER}: Jetty's HTTP parser refuses it before any filter runs (a
     * Content-Length that is no number, two Host headers, ...), so the answer is Jetty's own 4xx page, which must
     * still leak nothing. {@code FILTER}: it reaches the filter, so a 4xx must be our {@code {code, message}}.
     */
    enum AnsweredBy {
        FILTER,
        CONTAINER,
        /** Jetty's parser answers 505 (HTTP Version Not Supported) to a version it does not speak: HTTP's own answer. */
        CONTAINER_UNKNOWN_VERSION
    }

    /**
     * One malformed request: its family (for the counts), what is wrong with it, where it goes, who answers, and
     * whether only its body differs from a good request (then the cookie/Origin context matters less, see the test).
     */
    record Case(String family, String description, Target target, Request request, AnsweredBy answeredBy) {
        boolean onlyTheBodyIsBad() {
            return BODY_FAMILIES.contains(family);
        }

        @Override
        public String toString() {
            return family + " / " + description + " -> " + request.method + " " + target.path();
        }
    }

    static final String BASE = "/api/auth";
    static final List<String> BODY_FAMILIES = List.of("json", "content-type", "form", "mutation");
    static final List<Target> TARGETS = List.of(
            api("/sign-up/email", "POST"),
            api("/sign-in/email", "POST"),
            api("/sign-out", "POST"),
            api("/get-session", "GET", "disableCookieCache", "disableRefresh"),
            api("/list-sessions", "GET"),
            api("/revoke-session", "POST"),
            api("/revoke-other-sessions", "POST"),
            api("/revoke-sessions", "POST"),
            api("/update-user", "POST"),
            api("/update-session", "POST"),
            api("/refresh-session", "POST"),
            api("/send-verification-email", "POST"),
            api("/verify-email", "GET", "token", "callbackURL"),
            api("/no-such-endpoint", "GET"),
            new Target("/app/page", "POST", List.of(), false),
            new Target("/public/page", "POST", List.of(), false));

    /** Malformed percent escapes and percent-encoded bytes that are not UTF-8. */
    static final List<String> BAD_ESCAPES = List.of("%ZZ", "%", "%4", "%G1", "%%41", "x%", "%C3%28", "%FF", "%C0%AF",
            "%ED%A0%80", "%E2%82", "%F4%90%80%80", "%F8%88%80%80%80");

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final long SEED = 20_261_201L;

    private MalformedRequests() {
    }

    private static Target api(String path, String method, String... query) {
        return new Target(BASE + path, method, List.of(query), true);
    }

    /**
     * Every case; the same list on every run. Every target gets every family that can reach its code; the JSON
     * catalogue in full goes to the targets whose handling of a body differs (form-or-JSON sign-in, a field-less
     * POST, a session-bound one with fields, an app page the filter guards) and its core to the rest; what Jetty's
     * parser refuses before any filter runs is sent to one API path and one app path, since no filter sees it.
     */
    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (Target t : TARGETS) {
            boolean full = FULL_JSON.contains(t.path());
            boolean parserLevel = PARSER_LEVEL.contains(t.path());
            queryEscapes(t, cases);
            if (t.takesBody() || t.path().endsWith("/get-session")) {
                brokenBodies(t, parserLevel, cases);
            }
            if (t.takesBody()) {
                jsonShapes(t, full, cases);
                contentTypes(t, cases);
                forms(t, cases);
                mutations(t, full ? 24 : 8, cases);
            }
            methods(t, parserLevel, cases);
            if (HEADER_TARGETS.contains(t.path())) {
                headers(t, parserLevel, cases);
            }
        }
        return cases;
    }

    private static final Set<String> FULL_JSON = Set.of(BASE + "/sign-in/email", BASE + "/sign-out",
            BASE + "/update-user", "/app/page");
    private static final Set<String> PARSER_LEVEL = Set.of(BASE + "/sign-in/email", "/app/page");
    /** Where the filter reads cookies, Origin, bearer tokens and forwarded addresses differently. */
    private static final Set<String> HEADER_TARGETS = Set.of(BASE + "/sign-in/email", BASE + "/sign-out",
            BASE + "/get-session", BASE + "/list-sessions", "/app/page", "/public/page");

    // ---- families -------------------------------------------------------------------------------------------

    private static void queryEscapes(Target t, List<Case> cases) {
        // Every escape in every parameter the endpoint reads; a handful in one it does not read.
        List<String> names = new ArrayList<>(t.queryParameters());
        names.add("q");
        for (String name : names) {
            boolean reads = !name.equals("q");
            for (String bad : reads ? BAD_ESCAPES : List.of("%ZZ", "%", "%C3%28")) {
                cases.add(filter("query", name + "=" + bad, t, plain(t, t.path() + "?" + name + "=" + bad)));
                if (reads) {
                    cases.add(filter("query", "after a good one: " + name + "=" + bad, t,
                            plain(t, t.path() + "?a=1&" + name + "=ok" + bad + "&b=2")));
                }
            }
            cases.add(filter("query", name + " twice", t, plain(t, t.path() + "?" + name + "=true&" + name + "=false")));
            cases.add(filter("query", name + " with NUL and CRLF", t, plain(t, t.path() + "?" + name + "=%00%0D%0A")));
            cases.add(filter("query", name + " without value", t, plain(t, t.path() + "?" + name)));
        }
        cases.add(filter("query", "bad escape in a name", t, plain(t, t.path() + "?%ZZ=1")));
        cases.add(filter("query", "only separators", t, plain(t, t.path() + "?&&=&=")));
        if (t.queryParameters().contains("callbackURL")) {
            for (String url : List.of("/x%0D%0ASet-Cookie:%20a=b", "%0D%0A/x", "http://127.0.0.1%0D%0A.evil",
                    "%09/x", "//evil.example", "/%5C%5Cevil.example", "javascript:alert(1)")) {
                cases.add(filter("query", "callbackURL " + url, t, plain(t, t.path() + "?token=x&callbackURL=" + url)));
            }
        }
    }

    private static void brokenBodies(Target t, boolean parserLevel, List<Case> cases) {
        String json = JSON;
        cases.add(filter("body", "chunked, cut inside a chunk", t, chunkedRaw(t, json, "5\r\n{\"a\"")));
        cases.add(filter("body", "chunked, size not hex", t, chunkedRaw(t, json, "ZZ\r\n{}\r\n0\r\n\r\n")));
        cases.add(filter("body", "chunked, negative size", t, chunkedRaw(t, json, "-2\r\n{}\r\n0\r\n\r\n")));
        cases.add(filter("body", "chunked, size overflows", t,
                chunkedRaw(t, json, "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n")));
        cases.add(filter("body", "chunked, size larger than the data", t, chunkedRaw(t, json, "40\r\n{}\r\n0\r\n\r\n")));
        cases.add(filter("body", "chunked, no CRLF after the data", t, chunkedRaw(t, json, "2\r\n{}XX0\r\n\r\n")));
        cases.add(filter("body", "chunked, no last chunk", t, chunkedRaw(t, json, "2\r\n{}\r\n")));
        cases.add(filter("body", "chunked, bad extension", t, chunkedRaw(t, json, "2;x=\"\r\n{}\r\n0\r\n\r\n")));
        cases.add(filter("body", "chunked, bad trailer", t, chunkedRaw(t, json, "2\r\n{}\r\n0\r\nNo colon\r\n\r\n")));
        cases.add(filter("body", "chunked, empty", t, chunkedRaw(t, json, "0\r\n\r\n")));
        cases.add(filter("body", "chunked, nothing at all", t, chunkedRaw(t, json, "")));
        cases.add(filter("body", "Content-Length larger than the body", t,
                body(t, json, bytes("{\"email\":\"a@b.co\"}")).contentLength(100)));
        cases.add(filter("body", "Content-Length smaller than the body", t,
                body(t, json, bytes("{\"email\":\"a@b.co\"}")).contentLength(5)));
        cases.add(filter("body", "Content-Length 0 with a body", t, body(t, json, bytes("{\"a\":1}")).contentLength(0)));
        cases.add(filter("body", "Content-Length 1 with no body", t, body(t, json, new byte[0]).contentLength(1)));
        cases.add(filter("body", "Content-Length far over the limit", t,
                body(t, json, bytes("{}")).contentLength(99_999_999_999L).sendOnly(2)));
        cases.add(filter("body", "Content-Length one byte over the limit", t,
                body(t, json, bytes("{}")).contentLength(64 * 1024 + 1).sendOnly(2)));
        byte[] big = new byte[64 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        ByteArrayOutputStream overLimit = new ByteArrayOutputStream();
        overLimit.writeBytes(bytes(Integer.toHexString(big.length) + "\r\n"));
        overLimit.writeBytes(big);
        cases.add(filter("body", "chunked, one byte over the limit", t,
                new Request(t.method(), t.path()).header("Content-Type", json).header("Transfer-Encoding", "chunked")
                        .rawBody(overLimit.toByteArray()).sendOnly(overLimit.size())));
        cases.add(filter("body", "Expect 100-continue, a megabyte announced", t,
                body(t, json, new byte[0]).header("Expect", "100-continue").contentLength(1024 * 1024).sendOnly(0)));

        if (!parserLevel) {
            return;
        }
        cases.add(container("body", "Content-Length not a number", t, body(t, json, bytes("{}")).contentLengthRaw("abc")));
        cases.add(container("body", "Content-Length negative", t, body(t, json, bytes("{}")).contentLengthRaw("-1")));
        cases.add(container("body", "Content-Length a fraction", t, body(t, json, bytes("{}")).contentLengthRaw("1.5")));
        cases.add(container("body", "Content-Length with a sign", t, body(t, json, bytes("{}")).contentLengthRaw("+2")));
        cases.add(container("body", "Content-Length in hex", t, body(t, json, bytes("{}")).contentLengthRaw("0x2")));
        cases.add(container("body", "two different Content-Lengths", t,
                body(t, json, bytes("{}")).contentLengthRaw("2").header("Content-Length", "3")));
        cases.add(container("body", "Content-Length beyond long", t,
                body(t, json, bytes("{}")).contentLengthRaw("99999999999999999999999")));
        cases.add(container("body", "chunked and Content-Length", t,
                chunkedRaw(t, json, "2\r\n{}\r\n0\r\n\r\n").header("Content-Length", "11")));
        cases.add(container("body", "Transfer-Encoding gzip", t,
                body(t, json, bytes("{}")).noContentLength().header("Transfer-Encoding", "gzip")));
        cases.add(container("body", "Transfer-Encoding chunked, then identity", t,
                chunkedRaw(t, json, "2\r\n{}\r\n0\r\n\r\n").replaceHeader("Transfer-Encoding", "chunked, identity")));
        cases.add(container("body", "Transfer-Encoding xchunked", t,
                chunkedRaw(t, json, "2\r\n{}\r\n0\r\n\r\n").replaceHeader("Transfer-Encoding", "xchunked")));
    }

    private static void jsonShapes(Target t, boolean full, List<Case> cases) {
        List<String> core = List.of("{", "{\"email\":", "{} {}", "{}x", "{\"a\":1}}",
                "{\"token\":\"x\",\"token\":\"y\"}", "{\"name\":1}", "{\"email\":[],\"password\":{}}",
                "{\"a\":1e999999}", "{\"a\":NaN}", "{\"a\":01}", "{\"email\":\"\\ud800\"}", "{'a':1}", "{/*c*/}",
                "null", "[]", "42", "{\"a\":" + "9".repeat(5_000) + "}", "[".repeat(20_000));
        List<String> texts = full ? new ArrayList<>() : new ArrayList<>(core);
        texts.addAll(!full ? List.of() : List.of(
                // truncated and trailing
                "{", "{\"email\":", "{\"email\":\"a@b.co\"", "{\"email\":\"a@b.co\",}", "{\"email\" \"a@b.co\"}",
                "{\"a\":1}}", "{} {}", "{}x", "{}]", "{} null", "{}\u0000", "{}\n{}", "{}}", "{\"a\":[1,2}",
                // duplicate keys
                "{\"email\":\"a@b.co\",\"email\":\"c@d.co\"}", "{\"a\":{\"b\":1,\"b\":2}}", "{\"token\":\"x\",\"token\":\"y\"}",
                "{\"name\":\"x\",\"name\":null}",
                // wrong types
                "{\"email\":1,\"password\":true}", "{\"email\":[],\"password\":{}}", "{\"email\":null,\"password\":null}",
                "{\"rememberMe\":\"yes\"}", "{\"rememberMe\":1e999999}", "{\"token\":123}", "{\"token\":[\"x\"]}",
                "{\"name\":[1,2]}", "{\"image\":{}}", "{\"callbackURL\":7}", "{\"name\":true}",
                // numbers
                "{\"a\":1e999999}", "{\"a\":-1e-999999}", "{\"a\":-0}", "{\"a\":NaN}", "{\"a\":Infinity}",
                "{\"a\":-Infinity}", "{\"a\":0x10}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":+1}",
                // strings and escapes
                "{\"email\":\"\\ud800\"}", "{\"email\":\"\\udc00x\"}", "{\"password\":\"\\ud83d\"}", "{\"name\":\"\\u\"}",
                "{\"name\":\"\\u12\"}", "{\"name\":\"\\x41\"}", "{\"email\":\"a\u0001b\"}", "{\"email\":\"a\nb\"}",
                "{\"email\":\"unterminated}", "{'email':'a@b.co'}", "{email:\"a@b.co\"}", "{/*c*/}", "// c\n{}",
                "{\"\\u0000\":1}", "{\"\":1}", "{\"name\":\"\\ud83d\\ude00\\ud800\"}",
                // not objects
                "null", "[]", "[{}]", "\"s\"", "42", "true", "false", "-", "\"", "nul", "tru",
                // sizes below the limit that tax the parser
                "{\"" + "k".repeat(10_000) + "\":1}", "{\"a\":\"" + "v".repeat(60_000) + "\"}",
                "{\"a\":" + "9".repeat(5_000) + "}", "{\"a\":0." + "1".repeat(5_000) + "}",
                "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                "{\"a\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000) + "}",
                "[".repeat(20_000), "{\"a\":[" + "1,".repeat(20_000) + "1]}"));
        for (String text : texts) {
            cases.add(filter("json", describe(text), t, body(t, JSON, bytes(text))));
        }
        byte[][] raw = {
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes("{}")),
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0},
                {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
                {0, '{', 0, '}'},
                {'{', 0, '}', 0},
                {0, 0, 0, '{', 0, 0, 0, '}'},
                {0, 0, 0, '{', 0x7f, 0x7f, 0x7f, 0x7f},
                {(byte) 0xFF, (byte) 0xFE, 0, 0, '{', 0, 0, 0},
                concat(bytes("{\"email\":\""), new byte[] {(byte) 0xC3, 0x28}, bytes("\"}")),
                concat(bytes("{\"email\":\""), new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("\"}")),
                concat(bytes("{\"email\":\""), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes("\"}")),
                concat(bytes("{\"email\":\""), new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, bytes("\"}")),
                concat(bytes("{\"email\":\""), new byte[] {(byte) 0xE2, (byte) 0x82}, bytes("\"}")),
                {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                {0, 0, 0, 0},
                {(byte) 0x80},
        };
        for (int i = 0; i < raw.length; i += full ? 1 : 3) {
            cases.add(filter("json", "bytes #" + i + " (BOMs, UTF-16/32, invalid UTF-8)", t, body(t, JSON, raw[i])));
        }
    }

    private static void contentTypes(Target t, List<Case> cases) {
        for (String type : List.of("text/plain", "application/xml", "text/json", "application/jsonp",
                "application/json;charset=utf-16", "application/json; charset=iso-8859-1", "application/json;;;", ";",
                "", "application/json, text/plain", " application/json ", "multipart/form-data",
                "multipart/form-data; boundary=", "application/octet-stream", "*/*", "application/*",
                "x".repeat(5_000), "application/json; charset=\"", "application/json; charset=nonesuch",
                "application/json; charset=utf-8; charset=latin1")) {
            cases.add(filter("content-type", "'" + describe(type) + "'", t,
                    new Request(t.method(), t.path()).header("Content-Type", type).body(bytes("{}"))));
        }
        cases.add(filter("content-type", "none with a body", t, new Request(t.method(), t.path()).body(bytes("{}"))));
        cases.add(filter("content-type", "UTF-16 body declared as such", t,
                new Request(t.method(), t.path()).header("Content-Type", "application/json; charset=utf-16")
                        .body("{\"email\":\"a@b.co\"}".getBytes(StandardCharsets.UTF_16))));
        cases.add(filter("content-type", "broken multipart", t,
                new Request(t.method(), t.path()).header("Content-Type", "multipart/form-data; boundary=b")
                        .body(bytes("--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nx"))));
        cases.add(filter("content-type", "two Content-Types", t, new Request(t.method(), t.path())
                .header("Content-Type", JSON).header("Content-Type", "text/plain").body(bytes("{}"))));
    }

    private static void forms(Target t, List<Case> cases) {
        List<String> bodies = new ArrayList<>(List.of("email=%ZZ", "%ZZ=x", "email=%C3%28", "email=%", "email=%4",
                "email=a&email=b", "=", "&&", "=&=&=", "a=%FF%FE", "_csrf=%ZZ", "_csrf=%C3%28", "_csrf=a&_csrf=b",
                "a=%ZZ&_csrf=x", "email=a%40b.co&password=%ED%A0%80", "rememberMe=maybe&email=a&password=b",
                "k".repeat(10_000) + "=1", "email=" + "%41".repeat(20_000)));
        for (String form : bodies) {
            cases.add(filter("form", describe(form), t, body(t, FORM, bytes(form))));
        }
        cases.add(filter("form", "raw bytes that are not UTF-8", t,
                body(t, FORM, concat(bytes("email=a%40b.co&password="), new byte[] {(byte) 0xFF, (byte) 0xFE}))));
        cases.add(filter("form", "form, chunked and cut", t, chunkedRaw(t, FORM, "10\r\n_csrf=abc")));
        cases.add(filter("form", "form, shorter than Content-Length", t,
                body(t, FORM, bytes("_csrf=abc")).contentLength(50)));
    }

    /** Byte mutations of a well-formed body: flipped, dropped, inserted and duplicated bytes, from a fixed seed. */
    private static void mutations(Target t, int count, List<Case> cases) {
        Random random = new Random(SEED ^ t.path().hashCode());
        byte[] seed = bytes("{\"email\":\"someone@example.com\",\"password\":\"correct horse\",\"rememberMe\":true,"
                + "\"name\":\"N\",\"token\":\"t\",\"callbackURL\":\"/x\"}");
        for (int i = 0; i < count; i++) {
            byte[] b = seed.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(4)) {
                    case 0 -> b[at] = (byte) random.nextInt(256);
                    case 1 -> b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + 1, b.length));
                    case 2 -> b = concat(Arrays.copyOf(b, at), new byte[] {(byte) "{}[]\",:\\\u0000".charAt(random.nextInt(9))},
                            Arrays.copyOfRange(b, at, b.length));
                    default -> b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at, Math.min(b.length, at + 8)),
                            Arrays.copyOfRange(b, at, b.length));
                }
            }
            cases.add(filter("mutation", "#" + i, t, body(t, JSON, b)));
        }
    }

    private static void methods(Target t, boolean parserLevel, List<Case> cases) {
        for (String method : List.of("FOO", "PROPFIND", "TRACE", "OPTIONS", "PUT", "DELETE", "PATCH", "HEAD", "get",
                "Post", "M-SEARCH", "MKCOL", "LOCK")) {
            Request r = new Request(method, t.path());
            if (!method.equals("HEAD")) {
                r.header("Content-Type", JSON).body(bytes("{}"));
            }
            cases.add(filter("method", method, t, r));
        }
        cases.add(filter("method", "absolute-form target", t, plain(t, "http://{authority}" + t.path())));
        cases.add(filter("method", "lower-case version", t, plain(t, t.path()).version("http/1.1")));
        cases.add(filter("method", "HTTP/1.0", t, plain(t, t.path()).version("HTTP/1.0")));
        if (!parserLevel) {
            return;
        }
        cases.add(container("method", "CONNECT to a path", t, new Request("CONNECT", t.path())));
        cases.add(container("method", "a method with '@'", t, new Request("G@T", t.path())));
        cases.add(container("method", "a method with a NUL", t, new Request("GE\u0000T", t.path())));
        cases.add(container("method", "an authority that is not the Host", t, plain(t, "http://other.example" + t.path())));
        cases.add(container("method", "a 20 KB target", t, plain(t, t.path() + "?q=" + "a".repeat(20_000))));
        cases.add(new Case("method", "no version", t, plain(t, t.path()).version(""), AnsweredBy.CONTAINER_UNKNOWN_VERSION));
        cases.add(new Case("method", "HTTP/1.2", t, plain(t, t.path()).version("HTTP/1.2"),
                AnsweredBy.CONTAINER_UNKNOWN_VERSION));
    }

    private static void headers(Target t, boolean parserLevel, List<Case> cases) {
        String[][] odd = {
                {"Cookie", "sessionauth.session_token=%ZZ"},
                {"Cookie", "sessionauth.session_token=\"unterminated"},
                {"Cookie", "sessionauth.session_token=a.b.c.d"},
                {"Cookie", "sessionauth.session_token=" + "A".repeat(4_000)},
                {"Cookie", "sessionauth.session_token=AAAA.%E0%A4%A; sessionauth.session_token=x"},
                {"Cookie", "sessionauth.session_data=eyJhbGciOiJub25lIn0.eyJ9.; sessionauth.session_token=x.y"},
                {"Cookie", "sessionauth.session_data=" + "%ZZ".repeat(100)},
                {"Cookie", ";;;;=;=;"},
                {"Cookie", "$Version=1; sessionauth.session_token=\"x\"; $Path=/"},
                {"Cookie", "a=" + "b;".repeat(500)},
                {"Cookie", "sessionauth.session_token=\u00ff\u00fe"},
                {"Origin", "null"},
                {"Origin", "http://evil.example"},
                {"Origin", "://"},
                {"Origin", "http://[::1"},
                {"Origin", "http://127.0.0.1:1/path?x#y"},
                {"Origin", "http://ex\u00e4mple.test"},
                {"Origin", "http://" + "a".repeat(4_000)},
                {"Origin", "http://user:pw@127.0.0.1"},
                {"Referer", "%%%"},
                {"Referer", "http://evil.example/x"},
                {"Authorization", "Bearer"},
                {"Authorization", "Bearer %ZZ"},
                {"Authorization", "Bearer " + "A".repeat(4_000)},
                {"Authorization", "Bearer a.b.c"},
                {"Authorization", "Basic Zm9vOmJhcg=="},
                {"Authorization", "Bearer \u00ff"},
                {"X-Forwarded-For", "999.999.1.1, ::::, x"},
                {"X-Forwarded-For", "x".repeat(2_000)},
                {"Accept", "text/html"},
                {"Accept", "*/*;q=x"},
                {"Accept-Charset", "utf-7"},
                {"User-Agent", "\u00ff".repeat(1_000)},
                {"Expect", "100-continue"},
                {"Content-Encoding", "gzip"},
                {"X-CSRF-Token", "%ZZ"},
                {"X-CSRF-Token", ""},
        };
        for (String[] h : odd) {
            cases.add(filter("header", h[0] + ": " + describe(h[1]), t, plain(t, t.path()).header(h[0], h[1])));
        }
        cases.add(filter("header", "HTTP/1.0 without Host", t, plain(t, t.path()).version("HTTP/1.0").noHost()));
        cases.add(filter("header", "Connection: keep-alive, then garbage", t,
                plain(t, t.path()).replaceHeader("Connection", "keep-alive").trailer(bytes("GARBAGE\r\n\r\n"))));

        if (!parserLevel) {
            return;
        }
        cases.add(container("header", "no Host", t, plain(t, t.path()).noHost()));
        cases.add(container("header", "two Hosts", t, plain(t, t.path()).header("Host", "other.example")));
        cases.add(container("header", "Host with a space", t, plain(t, t.path()).noHost().header("Host", "bad host")));
        cases.add(container("header", "Host with a bad port", t, plain(t, t.path()).noHost().header("Host", "h:99999x")));
        cases.add(container("header", "a line without a colon", t, plain(t, t.path()).rawHeader("NoColonHere")));
        cases.add(container("header", "a folded line", t, plain(t, t.path()).rawHeader("X-A: a").rawHeader(" folded")));
        cases.add(container("header", "space before the colon", t, plain(t, t.path()).rawHeader("X-A : a")));
        cases.add(container("header", "NUL in a value", t, plain(t, t.path()).header("X-A", "a\u0000b")));
        cases.add(container("header", "NUL in the Content-Type", t, plain(t, t.path()).header("Content-Type",
                "application/json\u0000")));
        cases.add(container("header", "a 20 KB header", t, plain(t, t.path()).header("X-Big", "a".repeat(20_000))));
        cases.add(container("header", "Expect: something else", t, plain(t, t.path()).header("Expect", "teapot")));
    }

    // ---- building blocks ------------------------------------------------------------------------------------

    private static Case filter(String family, String description, Target t, Request r) {
        return new Case(family, description, t, r, AnsweredBy.FILTER);
    }

    private static Case container(String family, String description, Target t, Request r) {
        return new Case(family, description, t, r, AnsweredBy.CONTAINER);
    }

    /** The target's own method; a POST gets the empty JSON object every POST endpoint accepts as a body. */
    private static Request plain(Target t, String requestTarget) {
        Request r = new Request(t.method(), requestTarget);
        return t.takesBody() ? r.header("Content-Type", JSON).body(bytes("{}")) : r;
    }

    private static Request body(Target t, String contentType, byte[] body) {
        return new Request(t.method(), t.path()).header("Content-Type", contentType).body(body);
    }

    private static Request chunkedRaw(Target t, String contentType, String chunked) {
        return new Request(t.method(), t.path()).header("Content-Type", contentType)
                .header("Transfer-Encoding", "chunked").rawBody(bytes(chunked));
    }

    private static String describe(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + " chars)" : text;
        return shown.replace("\n", "\\n").replace("\r", "\\r").replace("\u0000", "\\0");
    }

    static byte[] bytes(String text) {
        // ISO-8859-1 maps each char below 256 to exactly that byte, so tests can spell raw bytes as chars.
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * One request as raw bytes. Host, {@code Connection: close}, and the run's Cookie and Origin are added when it
     * is written; a body gets a matching Content-Length unless the case says otherwise.
     */
    static final class Request {
        private final String method;
        private final String target;
        private String version = "HTTP/1.1";
        private boolean host = true;
        private String connection = "close";
        private final List<String> headerLines = new ArrayList<>();
        private byte[] body = new byte[0];
        private String contentLength = "";
        private byte[] trailer = new byte[0];
        private int sendOnly = -1;

        Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        /** The header lines as they go on the wire ({@code Name: value}). */
        List<String> headerLines() {
            return List.copyOf(headerLines);
        }

        String method() {
            return method;
        }

        Request header(String name, String value) {
            headerLines.add(name + ": " + value);
            return this;
        }

        Request rawHeader(String line) {
            headerLines.add(line);
            return this;
        }

        Request replaceHeader(String name, String value) {
            if (name.equalsIgnoreCase("Connection")) {
                connection = value;
                return this;
            }
            headerLines.removeIf(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1));
            return header(name, value);
        }

        Request body(byte[] bytes) {
            body = bytes;
            contentLength = Integer.toString(bytes.length);
            return this;
        }

        /** A body sent as is, with no Content-Length (chunked framing the case writes itself). */
        Request rawBody(byte[] bytes) {
            body = bytes;
            contentLength = "";
            return this;
        }

        Request contentLength(long value) {
            contentLength = Long.toString(value);
            return this;
        }

        Request contentLengthRaw(String value) {
            contentLength = value;
            return this;
        }

        Request noContentLength() {
            contentLength = "";
            return this;
        }

        Request version(String v) {
            version = v;
            return this;
        }

        Request noHost() {
            host = false;
            return this;
        }

        /** Bytes after the request (a second, broken one on the same connection). */
        Request trailer(byte[] bytes) {
            trailer = bytes;
            return this;
        }

        /** Send only this many body bytes and keep the connection open: the server must answer on what it has. */
        Request sendOnly(int bodyBytes) {
            sendOnly = bodyBytes;
            return this;
        }

        /** Bytes to send of {@link #bytes}, or -1 for all of them followed by the end of the stream. */
        int sendBytes(byte[] written) {
            return sendOnly < 0 ? -1 : written.length - body.length - trailer.length + sendOnly;
        }

        byte[] bytes(int port, String cookie, String origin) {
            StringBuilder head = new StringBuilder(method).append(' ')
                    .append(target.replace("{authority}", "127.0.0.1:" + port));
            if (!version.isEmpty()) {
                head.append(' ').append(version);
            }
            head.append("\r\n");
            if (host) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            head.append("Connection: ").append(connection).append("\r\n");
            if (cookie != null) {
                head.append("Cookie: ").append(cookie).append("\r\n");
            }
            if (origin != null) {
                head.append("Origin: ").append(origin).append("\r\n");
            }
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            if (!contentLength.isEmpty()) {
                head.append("Content-Length: ").append(contentLength).append("\r\n");
            }
            head.append("\r\n");
            return concat(MalformedRequests.bytes(head.toString()), body, trailer);
        }
    }
}
