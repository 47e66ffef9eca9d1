package dev.sessionauth.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The origins an absolute link in a mail (verification, later password reset) may point at: {@code baseURL}, the
 * {@code trustedOrigins}, and loopback hosts. Anything taken from a request's {@code Host} header is checked
 * against these, so an attacker's {@code Host: attacker.example} never gets a live secret mailed to its server.
 * Loopback is allowed for development without {@code baseURL}: such a link can only lead to the reader's own machine.
 */
public final class LinkOrigins {
    private final Optional<String> baseUrl;
    private final List<String> trustedOrigins;

    public LinkOrigins(AuthConfig config) {
        this.baseUrl = config.baseUrl();
        this.trustedOrigins = config.trustedOrigins();
    }

    /** Whether {@code url} is an absolute http(s) URL whose origin a mailed link may use. */
    public boolean isTrusted(String url) {
        Optional<String> origin = Origins.of(url);
        if (origin.isEmpty()) {
            return false;
        }
        return origin.equals(baseUrl) || trustedOrigins.contains(origin.get()) || isLoopback(url);
    }

    private static boolean isLoopback(String url) {
        String host = URI.create(url.trim()).getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
