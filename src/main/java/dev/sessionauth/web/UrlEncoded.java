package dev.sessionauth.web;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Name/value pairs decoded strictly from {@code application/x-www-form-urlencoded} text: a query string or a form
 * body. A malformed percent escape or bytes that are not UTF-8 are a 400 naming the parameter, where containers
 * differ (Jetty throws, Tomcat drops the parameter, {@link java.net.URLDecoder} substitutes U+FFFD).
 */
public final class UrlEncoded {
    /** Names longer than this are cut in error messages: the answer should not echo an attacker's megabyte. */
    private static final int SHOWN_NAME = 64;

    private final String kind;
    private final Map<String, List<String>> values;

    private UrlEncoded(String kind, Map<String, List<String>> values) {
        this.kind = kind;
        this.values = values;
    }

    /** The request's query string, read here rather than through {@code getParameter} (see the class comment). */
    public static UrlEncoded query(HttpServletRequest request) {
        String query = request.getQueryString();
        return parse(query == null ? "" : query, "query parameter");
    }

    /**
     * Decodes {@code text}; {@code kind} names what a pair is in error messages ("query parameter", "form field").
     *
     * @throws AuthException {@code INVALID_REQUEST_BODY} for a malformed escape or invalid UTF-8
     */
    public static UrlEncoded parse(String text, String kind) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String name = decode(rawName).orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                        "A " + kind + " name is not valid percent-encoded UTF-8"));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1)).orElseThrow(() -> new AuthException(
                        ErrorCode.INVALID_REQUEST_BODY, "The " + kind + " " + shown(name)
                        + " is not valid percent-encoded UTF-8"));
                values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
        }
        return new UrlEncoded(kind, values);
    }

    /**
     * The one value of {@code name}, or empty when absent.
     *
     * @throws AuthException {@code INVALID_REQUEST_BODY} when it is given more than once: which one a container
     *                       would pick differs, so none is picked
     */
    public Optional<String> single(String name) {
        List<String> all = values.getOrDefault(name, List.of());
        if (all.size() > 1) {
            throw appearsTwice(name);
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every name with its one value, in order; a name given twice is refused. */
    public Map<String, String> singles() {
        Map<String, String> singles = new LinkedHashMap<>();
        values.keySet().forEach(name -> singles.put(name, single(name).orElseThrow()));
        return Collections.unmodifiableMap(singles);
    }

    private AuthException appearsTwice(String name) {
        return new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The " + kind + " " + shown(name) + " appears twice");
    }

    private static String shown(String name) {
        return name.length() <= SHOWN_NAME ? name : name.substring(0, SHOWN_NAME) + "...";
    }

    /** {@code +} is a space, {@code %XX} a byte, the bytes UTF-8; empty when any of that fails. */
    private static Optional<String> decode(String encoded) {
        if (encoded.chars().allMatch(c -> c < 0x80 && c != '%' && c != '+')) {
            return Optional.of(encoded);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // A container that hands over already-decoded characters: keep them, as long as they are whole.
                int end = Character.isHighSurrogate(c) && i + 1 < encoded.length()
                        && Character.isLowSurrogate(encoded.charAt(i + 1)) ? i + 2 : i + 1;
                if (end == i + 1 && Character.isSurrogate(c)) {
                    return Optional.empty();
                }
                bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return utf8(bytes.toByteArray());
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
