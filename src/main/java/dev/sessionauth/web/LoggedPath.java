package dev.sessionauth.web;

import java.util.Locale;

/**
 * A request path (or method) as a log line may show it: control characters escaped so that a path cannot forge a
 * line of its own, long ones cut, and anything shaped like one of our tokens left out. The one route that carries a
 * token in its path is {@code /reset-password/:token}, and a refused path is logged before anyone knows which
 * route it meant, so every run of {@value #TOKEN_LIKE} or more base64url characters that mixes two of upper-case
 * letters, lower-case letters and digits (a token is 43 random ones) is written as {@code …}; lower-case words
 * joined by dashes stay readable.
 */
final class LoggedPath {
    /** The shortest run of base64url characters that is left out. */
    static final int TOKEN_LIKE = 20;
    private static final int MAX_LENGTH = 300;

    private LoggedPath() {
    }

    /** {@code path} fit for a log line; "null" for null. */
    static String of(String path) {
        if (path == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_LENGTH) + 8);
        int i = 0;
        while (i < path.length() && out.length() < MAX_LENGTH) {
            int end = i;
            boolean upper = false;
            boolean lower = false;
            boolean digit = false;
            while (end < path.length() && isBase64Url(path.charAt(end))) {
                char c = path.charAt(end);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
                end++;
            }
            if (end > i) {
                if (end - i >= TOKEN_LIKE && (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) >= 2) {
                    out.append('…');
                    i = end;
                } else {
                    int shown = Math.min(end, i + MAX_LENGTH - out.length());
                    out.append(path, i, shown);
                    i = shown;
                }
                continue;
            }
            char c = path.charAt(i++);
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < path.length()) {
            out.append("… (").append(path.length()).append(" characters)");
        }
        return out.toString();
    }

    private static boolean isBase64Url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
