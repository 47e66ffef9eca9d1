package dev.sessionauth.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URLs SessionAuth talks to or sends a browser to: absolute {@code https} URLs without credentials or fragment,
 * and {@code http} only on the loopback interface, so a test provider on {@code localhost} works and nothing else
 * is reached in clear text.
 */
final class Urls {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private Urls() {
    }

    /** {@code value} as a URI, if it is one SessionAuth may use as a provider endpoint. */
    static Optional<URI> endpoint(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            return isEndpoint(uri) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code uri} is one SessionAuth may use as a provider endpoint. */
    static boolean isEndpoint(URI uri) {
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return "https".equals(scheme) || ("http".equals(scheme) && isLoopback(uri.getHost()));
    }

    /** Whether {@code host} is the loopback interface. */
    static boolean isLoopback(String host) {
        return LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /** {@code uri} without query and fragment: what a log line may show of an URL that carries secrets. */
    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** Provider text made fit for one log line: control characters replaced, at most {@code max} characters. */
    static String forLog(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return text.length() > max ? out.append('…').toString() : out.toString();
    }
}
