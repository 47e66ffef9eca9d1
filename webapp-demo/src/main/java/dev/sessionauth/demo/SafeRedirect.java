package dev.sessionauth.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Accepts only same-site relative redirect targets, so {@code ?redirect=} cannot send a user elsewhere. */
final class SafeRedirect {
    private SafeRedirect() {
    }

    static String of(String candidate, String fallback) {
        if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")
                || candidate.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return fallback;
        }
        return candidate;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
