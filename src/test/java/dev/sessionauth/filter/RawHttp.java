package dev.sessionauth.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.testing.RawExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one HTTP/1.1 request over a plain socket with the request target written byte for byte, for paths the
 * JDK's {@code HttpClient} would refuse or rewrite (raw backslashes, stray percent signs, dot segments); the
 * exchange itself is {@link RawExchange}'s, this adds the filter tests' request shapes and JSON answers.
 */
final class RawHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RawHttp() {
    }

    /** One answer; header names are lower-cased. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String code() {
            return json().path("code").asText();
        }

        Optional<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
        }

        List<String> allHeaders(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** GET {@code rawTarget} exactly as written, with extra header name/value pairs. */
    static Response get(int port, String rawTarget, String... headers) {
        return send(port, "GET", rawTarget, headers);
    }

    /** POST a JSON body to {@code rawTarget}, with extra header name/value pairs (a {@code Host} given replaces ours). */
    static Response postJson(int port, String rawTarget, String json, String... headers) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String[] all = Arrays.copyOf(headers, headers.length + 4);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        all[headers.length + 2] = "Content-Length";
        all[headers.length + 3] = String.valueOf(body.length);
        return exchange(port, "POST", rawTarget, body, all);
    }

    static Response send(int port, String method, String rawTarget, String... headers) {
        return exchange(port, method, rawTarget, new byte[0], headers);
    }

    private static Response exchange(int port, String method, String rawTarget, byte[] body, String... headers) {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n")
                .append("Connection: close\r\n");
        if (!hasHeader(headers, "Host")) {
            request.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        // ISO-8859-1 so every char of the raw target goes out as exactly one byte.
        byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        RawExchange.Answer answer = RawExchange.send(port, all);
        return new Response(answer.status(), answer.headers(), answer.body());
    }

    private static boolean hasHeader(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
