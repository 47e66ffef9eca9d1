package dev.sessionauth.web;

import java.util.Objects;

/**
 * One compiled path pattern, in Next.js style ({@code /users/:id}, {@code /api/:path*}) or Ant
 * style ({@code /x/*}, {@code /admin/**}), matched against paths already normalized by
 * {@link PathNormalizer}.
 *
 * <p>A pattern segment is entirely one of: a literal, {@code *} (exactly one segment),
 * {@code **} (zero or more, last only), {@code :name} (exactly one), {@code :name?} (zero or one,
 * last only), {@code :name*} (zero or more, last only) or {@code :name+} (one or more, last only).
 */
public final class PathPattern {

    private enum Kind { LITERAL, ONE, ZERO_OR_ONE, ZERO_OR_MORE, ONE_OR_MORE }

    /** One pattern segment; {@code text} is the literal, or the parameter name, or the wildcard. */
    private record Segment(Kind kind, String text) {
    }

    private final String source;
    private final Segment[] segments;

    private PathPattern(String source, Segment[] segments) {
        this.source = source;
        this.segments = segments;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the pattern source, starting with {@code /}
     * @return the compiled pattern
     * @throws IllegalArgumentException naming the pattern and the problem if it is malformed
     */
    public static PathPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw invalid(pattern, "must start with '/'");
        }
        if (pattern.equals("/")) {
            return new PathPattern(pattern, new Segment[0]);
        }
        String body = pattern.substring(1);
        // Normalized paths never end in '/', so a trailing slash in a pattern can only mean the
        // same thing as without it.
        if (body.endsWith("/")) {
            body = body.substring(0, body.length() - 1);
        }
        String[] parts = body.split("/", -1);
        Segment[] segments = new Segment[parts.length];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = parseSegment(pattern, parts[i]);
            boolean last = i == parts.length - 1;
            if (!last && segments[i].kind() != Kind.LITERAL && segments[i].kind() != Kind.ONE) {
                throw invalid(pattern, "'" + parts[i] + "' is only allowed as the last segment");
            }
        }
        return new PathPattern(pattern, segments);
    }

    private static Segment parseSegment(String pattern, String part) {
        if (part.isEmpty()) {
            throw invalid(pattern, "empty segment");
        }
        if (part.equals("*")) {
            return new Segment(Kind.ONE, part);
        }
        if (part.equals("**")) {
            return new Segment(Kind.ZERO_OR_MORE, part);
        }
        if (part.charAt(0) == ':') {
            return parseParam(pattern, part);
        }
        // "/admin*" reads like a glob; treating it as a literal would silently protect nothing.
        if (part.indexOf('*') >= 0) {
            throw invalid(pattern, "'*' and '**' are only allowed as a whole segment, not in '" + part + "'");
        }
        if (part.equals(".") || part.equals("..")) {
            throw invalid(pattern, "'" + part + "' segment can never match a normalized path");
        }
        // The normalizer decodes and strips these, so a literal holding one could never match.
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%' || c == ';' || c == '\\' || Character.isISOControl(c)) {
                throw invalid(pattern, "segment '" + part
                        + "' contains a character that never appears in a normalized path"
                        + " (write literals decoded, without ';' parameters)");
            }
        }
        return new Segment(Kind.LITERAL, part);
    }

    private static Segment parseParam(String pattern, String part) {
        Kind kind = switch (part.charAt(part.length() - 1)) {
            case '?' -> Kind.ZERO_OR_ONE;
            case '*' -> Kind.ZERO_OR_MORE;
            case '+' -> Kind.ONE_OR_MORE;
            default -> Kind.ONE;
        };
        String name = part.substring(1, kind == Kind.ONE ? part.length() : part.length() - 1);
        if (!isParamName(name)) {
            throw invalid(pattern, "parameter '" + part
                    + "' must be ':' plus a name matching [A-Za-z_][A-Za-z0-9_]*, optionally followed by '*', '+' or '?'");
        }
        return new Segment(kind, name);
    }

    private static boolean isParamName(String name) {
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameStart(c) && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static IllegalArgumentException invalid(String pattern, String problem) {
        return new IllegalArgumentException("invalid path pattern '" + pattern + "': " + problem);
    }

    /**
     * Tells whether a normalized path matches this pattern.
     *
     * @param normalizedPath a path produced by {@link PathNormalizer#normalize(String)}
     * @param ignoreCase whether literal segments compare case-insensitively
     * @return true if the whole path matches
     * @throws IllegalArgumentException if the path does not start with {@code /}
     */
    public boolean matches(String normalizedPath, boolean ignoreCase) {
        Objects.requireNonNull(normalizedPath, "normalizedPath");
        if (normalizedPath.isEmpty() || normalizedPath.charAt(0) != '/') {
            throw new IllegalArgumentException("path is not normalized: must start with '/'");
        }
        int length = normalizedPath.length();
        // pos is the index of the '/' that opens the next unmatched segment, or length when none
        // is left; the root path "/" has no segments at all.
        int pos = length == 1 ? length : 0;
        for (Segment segment : segments) {
            switch (segment.kind()) {
                case ZERO_OR_MORE -> {
                    return true;
                }
                case ONE_OR_MORE -> {
                    return pos < length;
                }
                case ZERO_OR_ONE -> {
                    return pos == length || segmentEnd(normalizedPath, pos) == length && pos + 1 < length;
                }
                case ONE -> {
                    if (pos >= length) {
                        return false;
                    }
                    int end = segmentEnd(normalizedPath, pos);
                    if (end == pos + 1) {
                        return false;
                    }
                    pos = end;
                }
                case LITERAL -> {
                    if (pos >= length) {
                        return false;
                    }
                    int end = segmentEnd(normalizedPath, pos);
                    String literal = segment.text();
                    // Same comparison as equalsIgnoreCase (per-char, locale-independent), without
                    // cutting the segment out of the path first.
                    if (end - pos - 1 != literal.length()
                            || !normalizedPath.regionMatches(ignoreCase, pos + 1, literal, 0, literal.length())) {
                        return false;
                    }
                    pos = end;
                }
            }
        }
        return pos == length;
    }

    private static int segmentEnd(String path, int slash) {
        int end = path.indexOf('/', slash + 1);
        return end < 0 ? path.length() : end;
    }

    /** Patterns are equal when their sources are, since the source fully determines matching. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern that && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** Returns the pattern source exactly as given to {@link #parse(String)}. */
    @Override
    public String toString() {
        return source;
    }
}
