package dev.sessionauth.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Web origins in one canonical form ({@code scheme://host[:port]}, lower case, default port dropped) so they compare with equals. */
public final class Origins {
    private Origins() {
    }

    /** The origin of an absolute http(s) URL; empty for anything else (relative, other schemes, user-info, garbage). */
    public static Optional<String> of(String url) {
        return parse(url).map(uri -> canonical(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort()));
    }

    /** Whether {@code url} is an origin and nothing more (no path beyond "/", no query or fragment). */
    static boolean isBare(String url) {
        return parse(url).filter(uri -> (uri.getRawPath() == null || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/")) && uri.getRawQuery() == null && uri.getRawFragment() == null).isPresent();
    }

    /** The canonical origin for a scheme, host and port ({@code -1} or the default port: none written). */
    public static String canonical(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        boolean defaultPort = port <= 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }

    private static Optional<URI> parse(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // not a URL: no origin
        }
        return Optional.empty();
    }
}
