package dev.sessionauth.web;

import dev.sessionauth.config.AuthConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser-hardening headers the filter puts on everything it serves and guards ({@code securityHeaders.*}):
 * no MIME sniffing, no framing (clickjacking: {@code X-Frame-Options} and CSP {@code frame-ancestors}), no full
 * URLs leaked to other sites in {@code Referer}, and https only once seen over https (HSTS). Set before the app
 * runs, so a page that needs another value (an embeddable widget) overrides it with {@code setHeader}.
 */
final class SecurityHeaders {
    private final String[] names;
    private final String[] values;
    private final String hsts;
    private final boolean httpsBaseUrl;

    SecurityHeaders(AuthConfig config) {
        List<String[]> headers = new ArrayList<>();
        if (config.contentTypeOptions()) {
            headers.add(new String[] {"X-Content-Type-Options", "nosniff"});
        }
        config.frameOptions().ifPresent(f -> {
            headers.add(new String[] {"X-Frame-Options", f.name()});
            // The standard form (ASVS 3.4.6); X-Frame-Options stays for older browsers. A policy with only this
            // directive restricts nothing else, and an app that sets its own policy replaces it.
            headers.add(new String[] {"Content-Security-Policy",
                    "frame-ancestors " + (f == AuthConfig.FrameOptions.DENY ? "'none'" : "'self'")});
        });
        config.referrerPolicy().ifPresent(p -> headers.add(new String[] {"Referrer-Policy", p}));
        hsts = config.hsts().orElse(null);
        httpsBaseUrl = config.baseUrl().filter(u -> u.startsWith("https:")).isPresent();
        names = headers.stream().map(h -> h[0]).toArray(String[]::new);
        values = headers.stream().map(h -> h[1]).toArray(String[]::new);
    }

    /**
     * Puts the configured headers on {@code response}; nothing when every one is switched off. HSTS only when the
     * app is reached over https (the request, or an https {@code baseURL} behind a TLS-terminating proxy): browsers
     * ignore it over plain http, and a development server on http must not pin {@code localhost} to https.
     */
    void apply(HttpServletRequest request, HttpServletResponse response) {
        for (int i = 0; i < names.length; i++) {
            response.setHeader(names[i], values[i]);
        }
        if (hsts != null && (httpsBaseUrl || request.isSecure())) {
            response.setHeader("Strict-Transport-Security", hsts);
        }
    }
}
