package dev.sessionauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP/1.1 client over one kept-alive socket that writes the request target exactly as given: ASCII as is,
 * anything else as its UTF-8 bytes, so dot segments, stray escapes and raw look-alike characters reach the
 * container untouched (the JDK's clients would normalise or refuse them). Reconnects when the server closes. The
 * static calls send one request on a connection of its own. The one raw HTTP client of the tests ({@link RawExchange}
 * is the byte level under it, for requests that are not even HTTP).
 */
public final class RawClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RawClient(int port) {
        this.port = port;
    }

    /** One answer; header names lower-cased. A response the client could not parse has status -1. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public Optional<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
        }

        public List<String> allHeaders(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The body as JSON; fails the test when it is not. */
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The {@code code} of our JSON error body, or "" when the body is not ours (a container's error page). */
        public String code() {
            if (!header("Content-Type").orElse("").startsWith("application/json")) {
                return "";
            }
            try {
                JsonNode json = MAPPER.readTree(body);
                return json == null ? "" : json.path("code").asText("");
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** GET {@code target} with extra header name/value pairs. */
    public Response get(String target, String... headers) {
        return send("GET", target, "", headers);
    }

    /** One GET on a connection of its own. */
    public static Response get(int port, String target, String... headers) {
        return once(port, "GET", target, "", headers);
    }

    /** One POST of a JSON body on a connection of its own. */
    public static Response postJson(int port, String target, String json, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return once(port, "POST", target, json, all);
    }

    /** One request on a connection of its own, closed after the answer. */
    public static Response once(int port, String method, String target, String body, String... headers) {
        try (RawClient client = new RawClient(port)) {
            String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
            all[headers.length] = "Connection";
            all[headers.length + 1] = "close";
            return client.send(method, target, body, all);
        }
    }

    /**
     * Sends one request (a {@code Host} among {@code headers} replaces ours); a request on a connection the server
     * already closed is sent once more on a new one.
     */
    public Response send(String method, String target, String body, String... headers) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (int i = 0; i < headers.length; i += 2) {
            host |= headers[i].equalsIgnoreCase("Host");
        }
        if (!host) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] request = concat(head.toString().getBytes(StandardCharsets.UTF_8), content);
        boolean reused = socket != null;
        try {
            return exchange(request, method);
        } catch (IOException e) {
            closeQuietly();
            if (!reused) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return exchange(request, method);
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException(e);
        }
    }

    private Response exchange(byte[] request, String method) throws IOException {
        if (socket == null) {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        String statusLine = RawExchange.readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 0) {
            closeQuietly();
            return new Response(-1, Map.of(), statusLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while ((line = RawExchange.readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        boolean untilClose = false;
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.contains("chunked"))) {
            body = RawExchange.readChunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
        } else {
            body = in.readAllBytes();
            untilClose = true;
        }
        if (untilClose || headers.getOrDefault("connection", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"))) {
            closeQuietly();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do with a socket that is going away
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
