package dev.sessionauth.paths;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates raw request targets aimed at the demo's guarded paths: its path words (some spanning two segments)
 * with each character possibly re-cased, percent-encoded (single, double {@code %252e}, overlong UTF-8
 * {@code %c0%ae}, IIS {@code %u002e}) or swapped for a Unicode look-alike (fullwidth solidus and dot, long s,
 * Kelvin sign ...) raw or encoded; {@code ;params} on any segment; dot segments plain and encoded; separators
 * {@code /}, {@code //}, {@code \}, {@code %2f}, {@code %5c}, look-alike slashes; trailing dots, spaces and
 * slashes; query strings and fragments. Characters outside ASCII go on the wire as UTF-8.
 */
final class RawPaths {

    private RawPaths() {
    }

    /** How one character of a word is written. */
    enum CharForm {
        RAW, OTHER_CASE, PERCENT_UPPER, PERCENT_LOWER, DOUBLE_PERCENT, OVERLONG_TWO_BYTES, OVERLONG_THREE_BYTES,
        IIS_UNICODE, LOOKALIKE_RAW, LOOKALIKE_ENCODED
    }

    static Arbitrary<String> targets() {
        // Most segments are written plainly, so that enough paths get past the containers' own parsers to test
        // the filter; the rest have any of their characters rewritten.
        Arbitrary<List<CharForm>> forms = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.of())),
                Tuple.of(1, charForms().list().ofMaxSize(14)));
        Arbitrary<String> segment = Combinators.combine(words(), forms, decorations(), parameters())
                .as(RawPaths::segment);
        // The first segment is mostly a name: a path that starts by climbing above the root is refused by every
        // parser, so it tests little; later segments climb as they like.
        Arbitrary<String> first = Combinators.combine(Arbitraries.frequencyOf(Tuple.of(9, names()), Tuple.of(1, words())),
                forms, decorations(), parameters()).as(RawPaths::segment);
        return Combinators.combine(prefixes(), first, segment.list().ofMinSize(1).ofMaxSize(5),
                separators().list().ofSize(6), tails()).as(RawPaths::target).withoutEdgeCases();
    }

    private static String target(String prefix, String first, List<String> rest, List<String> separators,
            String tail) {
        StringBuilder out = new StringBuilder(prefix);
        // Origin-form starts with '/'; a target that does not is refused by any parser and tests nothing.
        if (separators.get(0).charAt(0) != '/') {
            out.append('/');
        }
        out.append(separators.get(0)).append(first);
        for (int i = 0; i < rest.size(); i++) {
            out.append(separators.get(i + 1)).append(rest.get(i));
        }
        return out.append(tail).toString();
    }

    private static String segment(String word, List<CharForm> forms, String decoration, String parameter) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            out.append(render(word.charAt(i), i < forms.size() ? forms.get(i) : CharForm.RAW));
        }
        return out.append(decoration).append(parameter).toString();
    }

    private static String render(char c, CharForm form) {
        return switch (form) {
            case RAW -> String.valueOf(c);
            case OTHER_CASE -> Character.isUpperCase(c) ? String.valueOf(Character.toLowerCase(c))
                    : String.valueOf(Character.toUpperCase(c));
            case PERCENT_UPPER -> String.format(Locale.ROOT, "%%%02X", (int) c);
            case PERCENT_LOWER -> String.format(Locale.ROOT, "%%%02x", (int) c);
            case DOUBLE_PERCENT -> String.format(Locale.ROOT, "%%25%02x", (int) c);
            case OVERLONG_TWO_BYTES -> String.format(Locale.ROOT, "%%%02x%%%02x", 0xC0 | (c >> 6), 0x80 | (c & 0x3F));
            case OVERLONG_THREE_BYTES -> String.format(Locale.ROOT, "%%e0%%%02x%%%02x", 0x80 | (c >> 6), 0x80 | (c & 0x3F));
            case IIS_UNICODE -> String.format(Locale.ROOT, "%%u%04x", (int) c);
            case LOOKALIKE_RAW -> String.valueOf(lookalike(c));
            case LOOKALIKE_ENCODED -> percentEncodeUtf8(lookalike(c));
        };
    }

    /** A character that some normaliser (NFKC, case folding, a file system) might read as {@code c}. */
    private static char lookalike(char c) {
        return switch (c) {
            case '.' -> '\uFF0E'; // fullwidth full stop
            case '/' -> '\uFF0F'; // fullwidth solidus
            case '\\' -> '\uFF3C'; // fullwidth reverse solidus
            case '-' -> '\u2010'; // hyphen
            case 's' -> '\u017F'; // long s: upper-cases to 'S'
            case 'k' -> '\u212A'; // Kelvin sign: lower-cases to 'k'
            case 'i' -> '\u0131'; // dotless i: upper-cases to 'I'
            default -> c >= 'a' && c <= 'z' ? (char) ('\uFF41' + (c - 'a')) : c; // fullwidth letters
        };
    }

    private static String percentEncodeUtf8(char c) {
        StringBuilder out = new StringBuilder();
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
        }
        return out.toString();
    }

    private static Arbitrary<CharForm> charForms() {
        return Arbitraries.frequency(
                Tuple.of(120, CharForm.RAW),
                Tuple.of(10, CharForm.OTHER_CASE),
                Tuple.of(8, CharForm.PERCENT_UPPER),
                Tuple.of(8, CharForm.PERCENT_LOWER),
                Tuple.of(3, CharForm.DOUBLE_PERCENT),
                Tuple.of(3, CharForm.OVERLONG_TWO_BYTES),
                Tuple.of(2, CharForm.OVERLONG_THREE_BYTES),
                Tuple.of(2, CharForm.IIS_UNICODE),
                Tuple.of(2, CharForm.LOOKALIKE_RAW),
                Tuple.of(4, CharForm.LOOKALIKE_ENCODED));
    }

    /** The demo's path words, dot segments and the empty segment. */
    private static Arbitrary<String> words() {
        return Arbitraries.frequencyOf(Tuple.of(7, names()),
                Tuple.of(3, Arbitraries.frequency(Tuple.of(3, ""), Tuple.of(4, "."), Tuple.of(8, ".."),
                        Tuple.of(1, "..."))));
    }

    /** The demo's path words, some spanning two segments, whose inner '/' can be encoded too. */
    private static Arbitrary<String> names() {
        return Arbitraries.frequency(
                Tuple.of(8, "api/protected"), Tuple.of(6, "api/public"), Tuple.of(8, "dashboard"),
                Tuple.of(6, "notes"), Tuple.of(6, "account"), Tuple.of(4, "account/profile"),
                Tuple.of(3, "api"), Tuple.of(3, "protected"), Tuple.of(3, "public"),
                Tuple.of(3, "api/auth/get-session"), Tuple.of(2, "login"), Tuple.of(1, "signup"),
                Tuple.of(1, "dev/mail"), Tuple.of(4, "data"), Tuple.of(4, "x"), Tuple.of(2, "index.jsp"));
    }

    private static Arbitrary<String> decorations() {
        return Arbitraries.frequency(
                Tuple.of(85, ""), Tuple.of(3, "."), Tuple.of(2, ".."), Tuple.of(3, "%20"), Tuple.of(1, " "),
                Tuple.of(2, "%09"), Tuple.of(1, "%00"), Tuple.of(1, "~1"), Tuple.of(1, "::$DATA"),
                Tuple.of(2, "%2e"), Tuple.of(1, "%e3%80%82"));
    }

    private static Arbitrary<String> parameters() {
        return Arbitraries.frequency(
                Tuple.of(70, ""), Tuple.of(5, ";"), Tuple.of(8, ";x"), Tuple.of(4, ";jsessionid=ABC123"),
                Tuple.of(2, ";x=1;y=2"), Tuple.of(2, ";%2e%2e"), Tuple.of(2, ";.."), Tuple.of(2, ";x%2f..%2fdata"),
                Tuple.of(1, ";%3b"), Tuple.of(1, ";x=%2f"), Tuple.of(1, ";%ef%bc%8f.."), Tuple.of(1, ";\uFF0F.."));
    }

    private static Arbitrary<String> separators() {
        return Arbitraries.frequency(
                Tuple.of(150, "/"), Tuple.of(6, "//"), Tuple.of(4, "\\"), Tuple.of(3, "%2f"), Tuple.of(3, "%2F"),
                Tuple.of(3, "%5c"), Tuple.of(2, "%5C"), Tuple.of(4, "/./"), Tuple.of(3, "/%2e/"), Tuple.of(2, "%252f"),
                Tuple.of(1, "\uFF0F"), Tuple.of(2, "%ef%bc%8f"), Tuple.of(2, "%c0%af"), Tuple.of(1, "\u2215"),
                Tuple.of(3, "/;x/"), Tuple.of(2, "/.;/"), Tuple.of(2, "/..;/"));
    }

    private static Arbitrary<String> tails() {
        return Arbitraries.frequency(
                Tuple.of(55, ""), Tuple.of(10, "/"), Tuple.of(4, "/."), Tuple.of(4, "/.."), Tuple.of(3, "/%2e%2e"),
                Tuple.of(3, ";x"), Tuple.of(3, "/;x/.."), Tuple.of(3, "."), Tuple.of(3, "%20"), Tuple.of(1, " "),
                Tuple.of(5, "?a=1"), Tuple.of(3, "?next=/../dashboard"), Tuple.of(1, "#/../dashboard"),
                Tuple.of(1, "?;x/..#y"));
    }

    private static Arbitrary<String> prefixes() {
        return Arbitraries.frequency(Tuple.of(97, ""), Tuple.of(3, "http://127.0.0.1"));
    }
}
