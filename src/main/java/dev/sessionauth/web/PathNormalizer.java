package dev.sessionauth.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a raw, percent-encoded request path into the single decoded canonical path that access
 * rules are matched against, refusing any path whose meaning could differ between this filter and
 * the container or file system behind it.
 */
public final class PathNormalizer {

    private PathNormalizer() {
    }

    /**
     * Normalizes a raw request path (context path already removed, no query string).
     *
     * <p>Path parameters ({@code ;...}) are stripped per segment, segments are percent-decoded as
     * UTF-8, empty and {@code .} segments are dropped, {@code ..} pops the previous segment, and
     * the result always starts with {@code /} and never ends with one (except the root itself).
     *
     * <p>A dot segment ({@code .} or {@code ..}, also encoded) that carries a {@code ;} parameter or comes
     * anywhere after one is refused, and so is a {@code ..} right after an empty segment ({@code //..}):
     * containers resolve these differently from each other, so no single reading of such a path is safe.
     *
     * @param rawPath the still-encoded path, e.g. {@code /admin/x/%2e%2e/y;jsessionid=1}
     * @return the decoded canonical path, e.g. {@code /admin/y}; the argument itself when it already is one
     * @throws AmbiguousPathException if the path cannot be normalized unambiguously
     */
    public static String normalize(String rawPath) {
        Objects.requireNonNull(rawPath, "rawPath");
        if (rawPath.isEmpty()) {
            return "/";
        }
        if (rawPath.charAt(0) != '/') {
            throw new AmbiguousPathException("path does not start with '/'");
        }
        // Some containers and most Windows file systems treat '\' as a separator; we cannot know
        // which, so any backslash is refused rather than interpreted.
        if (rawPath.indexOf('\\') >= 0) {
            throw new AmbiguousPathException("backslash in path");
        }
        if (isCanonical(rawPath)) {
            return rawPath;
        }

        List<String> segments = new ArrayList<>();
        int length = rawPath.length();
        int start = 1;
        boolean afterParameter = false;
        boolean afterEmpty = false;
        while (start <= length) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            // Containers ignore everything after ';' when mapping a segment (";jsessionid=..."),
            // so the rules must ignore it too, or "/admin;x" would slip past "/admin".
            int contentEnd = end;
            for (int i = start; i < end; i++) {
                if (rawPath.charAt(i) == ';') {
                    contentEnd = i;
                    break;
                }
            }
            afterParameter |= contentEnd < end;
            String segment = decodeSegment(rawPath, start, contentEnd);
            apply(segments, segment, afterParameter, afterEmpty);
            afterEmpty = segment.isEmpty();
            start = end + 1;
        }

        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(length);
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        return out.toString();
    }

    /**
     * Tells whether a path is already what {@link #normalize} would make of it: no escapes, parameters,
     * backslashes or control characters, no empty or dot segments, no trailing slash. Most requests are, and
     * for them the filter allocates nothing.
     */
    private static boolean isCanonical(String rawPath) {
        int length = rawPath.length();
        if (length == 1) {
            return true;
        }
        int segmentStart = 1;
        for (int i = 1; i <= length; i++) {
            char c = i < length ? rawPath.charAt(i) : '/';
            if (c == '/') {
                int segmentLength = i - segmentStart;
                if (segmentLength == 0 || isDots(rawPath, segmentStart, segmentLength)) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (c == '%' || c == ';' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDots(String path, int from, int length) {
        return (length == 1 || length == 2) && path.charAt(from) == '.' && path.charAt(from + length - 1) == '.';
    }

    private static void apply(List<String> segments, String segment, boolean afterParameter, boolean afterEmpty) {
        boolean dot = segment.equals(".");
        if ((dot || segment.equals("..")) && afterParameter) {
            throw new AmbiguousPathException("dot segment after a ';' path parameter");
        }
        // Tomcat collapses "//" before resolving "..", Jetty lets ".." pop the empty segment: "/a/b//.." is
        // "/a" to one and "/a/b/" to the other.
        if (afterEmpty && segment.equals("..")) {
            throw new AmbiguousPathException("'..' after an empty segment");
        }
        if (segment.isEmpty() || dot) {
            return;
        }
        if (segment.equals("..")) {
            if (segments.isEmpty()) {
                throw new AmbiguousPathException("'..' would escape the root");
            }
            segments.remove(segments.size() - 1);
            return;
        }
        segments.add(segment);
    }

    private static String decodeSegment(String raw, int from, int to) {
        String decoded = hasPercent(raw, from, to) ? percentDecode(raw, from, to) : raw.substring(from, to);
        for (int i = 0; i < decoded.length(); i++) {
            checkDecodedChar(decoded.charAt(i));
        }
        return decoded;
    }

    private static boolean hasPercent(String raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw.charAt(i) == '%') {
                return true;
            }
        }
        return false;
    }

    // Raw '/', '\' and ';' were already split, refused or stripped, so seeing one here means it was
    // encoded: a decoded separator or parameter would be read differently by whatever decodes next.
    private static void checkDecodedChar(char c) {
        switch (c) {
            case '/' -> throw new AmbiguousPathException("encoded '/' in path segment");
            case '\\' -> throw new AmbiguousPathException("encoded '\\' in path segment");
            case '%' -> throw new AmbiguousPathException("encoded '%' in path segment (double encoding)");
            case ';' -> throw new AmbiguousPathException("encoded ';' in path segment");
            case '\0' -> throw new AmbiguousPathException("NUL character in path segment");
            default -> {
                if (Character.isISOControl(c)) {
                    throw new AmbiguousPathException("control character in path segment");
                }
            }
        }
    }

    private static String percentDecode(String raw, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        // At most one byte per three input chars; consecutive escapes are decoded together because
        // one UTF-8 character spans several of them.
        byte[] bytes = new byte[(to - from) / 3];
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int count = 0;
            while (i < to && raw.charAt(i) == '%') {
                if (i + 2 >= to) {
                    throw new AmbiguousPathException("malformed percent-escape in path segment");
                }
                int high = hexValue(raw.charAt(i + 1));
                int low = hexValue(raw.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw new AmbiguousPathException("malformed percent-escape in path segment");
                }
                bytes[count++] = (byte) ((high << 4) | low);
                i += 3;
            }
            try {
                out.append(decoder.decode(ByteBuffer.wrap(bytes, 0, count)));
            } catch (CharacterCodingException e) {
                throw new AmbiguousPathException("invalid UTF-8 in path segment");
            }
        }
        return out.toString();
    }

    // Character.digit would also accept non-ASCII digits such as fullwidth ones, which no other
    // decoder treats as hex; only the ASCII forms are escapes.
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
