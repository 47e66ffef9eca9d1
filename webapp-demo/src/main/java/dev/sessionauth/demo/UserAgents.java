package dev.sessionauth.demo;

import java.util.List;
import java.util.Map;

/**
 * A {@code User-Agent} header as a person names their device: "Chrome on Linux", "Safari on iPhone", "Firefox on
 * Windows". Knows the common browsers and systems and a few programs; anything else is "Unknown browser" (the page
 * keeps the whole header in a {@code title}). JSPs reach it as {@code demo:device(userAgent)}.
 */
public final class UserAgents {
    /**
     * Browsers by the token that marks them, in the order they must be asked: Edge, Opera and Samsung's browser also
     * say "Chrome", Chrome also says "Safari", and Chrome and Firefox on iOS carry their own tokens.
     */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"), Map.entry("EdgA/", "Edge"), Map.entry("EdgiOS/", "Edge"),
            Map.entry("OPR/", "Opera"), Map.entry("Opera", "Opera"),
            Map.entry("SamsungBrowser/", "Samsung Internet"),
            Map.entry("Firefox/", "Firefox"), Map.entry("FxiOS/", "Firefox"),
            Map.entry("CriOS/", "Chrome"), Map.entry("HeadlessChrome/", "Chrome"), Map.entry("Chrome/", "Chrome"),
            Map.entry("Chromium/", "Chromium"),
            Map.entry("Version/", "Safari"),
            Map.entry("curl/", "curl"), Map.entry("Java-http-client/", "Java"), Map.entry("okhttp/", "OkHttp"),
            Map.entry("python-requests/", "Python"));

    /** Systems, again most specific first: iOS and Android say "like Mac OS X" and "Linux". */
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("iPhone", "iPhone"), Map.entry("iPad", "iPad"), Map.entry("Android", "Android"),
            Map.entry("CrOS", "ChromeOS"), Map.entry("Windows", "Windows"), Map.entry("Macintosh", "macOS"),
            Map.entry("Mac OS X", "macOS"), Map.entry("Linux", "Linux"));

    private UserAgents() {
    }

    /** The device a {@code User-Agent} header names, in words; "Unknown device" for none. */
    public static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        if (userAgent.equals("node") || userAgent.startsWith("node-fetch") || userAgent.startsWith("undici")) {
            return "Node.js";
        }
        String browser = first(BROWSERS, userAgent);
        // Safari names itself by "Version/x Safari/y"; a bare "Version/" elsewhere is not Safari.
        if ("Safari".equals(browser) && !userAgent.contains("Safari/")) {
            browser = null;
        }
        String system = first(SYSTEMS, userAgent);
        if (browser == null) {
            return system == null ? "Unknown browser" : "A browser on " + system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> marks, String userAgent) {
        for (Map.Entry<String, String> mark : marks) {
            if (userAgent.contains(mark.getKey())) {
                return mark.getValue();
            }
        }
        return null;
    }
}
