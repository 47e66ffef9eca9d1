package dev.sessionauth.quickstart;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A served page read the way a browser reads the parts a user acts on: its forms (action and the fields a submit
 * would send, values unescaped) and its links. Enough HTML for the quick start's plain pages, not a parser.
 */
record HtmlPage(String html) {
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern LINK = Pattern.compile("<a\\b([^>]*)>(.*?)</a>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)(?:\\s*=\\s*\"([^\"]*)\")?");

    /** A form: where it posts and what it would send as it stands. */
    record Form(String action, Map<String, String> fields) {
        /** The form with one field typed in. */
        Form with(String name, String value) {
            Map<String, String> typed = new LinkedHashMap<>(fields);
            typed.put(name, value);
            return new Form(action, typed);
        }

        /** The body a browser would post ({@code application/x-www-form-urlencoded}). */
        String body() {
            return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    /** The form whose action ends with {@code actionSuffix}. */
    Form form(String actionSuffix) {
        Matcher m = FORM.matcher(html);
        while (m.find()) {
            String action = attributes(m.group(1)).getOrDefault("action", "");
            if (action.endsWith(actionSuffix)) {
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher input = INPUT.matcher(m.group(2));
                while (input.find()) {
                    Map<String, String> a = attributes(input.group(1));
                    boolean box = List.of("checkbox", "radio").contains(a.getOrDefault("type", "text"));
                    if (a.containsKey("name") && (!box || a.containsKey("checked"))) {
                        fields.put(a.get("name"), a.getOrDefault("value", box ? "on" : ""));
                    }
                }
                return new Form(action, fields);
            }
        }
        throw new AssertionError("no form posting to …" + actionSuffix + " in\n" + html);
    }

    /** The target of the link whose text is {@code text}. */
    String link(String text) {
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            if (m.group(2).strip().equals(text)) {
                return attributes(m.group(1)).get("href");
            }
        }
        throw new AssertionError("no link \"" + text + "\" in\n" + html);
    }

    /** The {@code <p class="auth-error">} the error tag printed, as it stands in the HTML. */
    Optional<String> errorParagraph() {
        Matcher m = Pattern.compile("<p class=\"auth-error\" role=\"alert\">(.*?)</p>", Pattern.DOTALL).matcher(html);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            attributes.put(m.group(1).toLowerCase(), m.group(2) == null ? "" : unescape(m.group(2)));
        }
        return attributes;
    }

    /** What a browser makes of the entities JSTL and the tags write. */
    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#034;", "\"").replace("&#34;", "\"")
                .replace("&quot;", "\"").replace("&#039;", "'").replace("&#39;", "'").replace("&amp;", "&");
    }
}
