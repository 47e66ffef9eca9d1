package dev.sessionauth.paths;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates raw request targets aimed at the demo's guarded paths (or {@link WelcomeApp}'s, {@link #WELCOME_NAMES}):
 * its path words (some spanning two segments) with each character possibly re-cased, percent-encoded (single,
 * double {@code %252e}, overlong UTF-8 {@code %c0%ae}, IIS {@code %u002e}) or swapped for a Unicode look-alike
 * (fullwidth solidus and dot, long s, Kelvin sign ...) raw or encoded; {@code ;params} on any segment; dot segments
 * plain and encoded; separators {@code /}, {@code //}, {@code \}, {@code %2f}, {@code %5c}, look-alike slashes;
 * trailing dots, spaces and slashes; query strings and fragments. Characters outside ASCII go on the wire as UTF-8.
 *
 * <p>Every choice is drawn from one {@link SplittableRandom} seeded at construction, so the same seed gives the
 * same targets in the same order (see {@link FuzzSeed}). Lists are uniformly long within their bounds.
 */
final class RawPaths {

    /** How one character of a word is written. */
    enum CharForm {
        RAW, OTHER_CASE, PERCENT_UPPER, PERCENT_LOWER, DOUBLE_PERCENT, OVERLONG_TWO_BYTES, OVERLONG_THREE_BYTES,
        IIS_UNICODE, LOOKALIKE_RAW, LOOKALIKE_ENCODED
    }

    private static final Weighted<CharForm> CHAR_FORMS = Weighted
            .of(120, CharForm.RAW)
            .or(10, CharForm.OTHER_CASE)
            .or(8, CharForm.PERCENT_UPPER)
            .or(8, CharForm.PERCENT_LOWER)
            .or(3, CharForm.DOUBLE_PERCENT)
            .or(3, CharForm.OVERLONG_TWO_BYTES)
            .or(2, CharForm.OVERLONG_THREE_BYTES)
            .or(2, CharForm.IIS_UNICODE)
            .or(2, CharForm.LOOKALIKE_RAW)
            .or(4, CharForm.LOOKALIKE_ENCODED);

    /**
     * How the characters of one word are written, from its first on; characters past the list's end are raw.
     * Most segments are written plainly, so that enough paths get past the containers' own parsers to test the
     * filter; the rest have any of their characters rewritten.
     */
    private static final Draw<List<CharForm>> FORMS = Draw.oneOf(Weighted
            .<Draw<List<CharForm>>>of(3, Draw.just(List.of()))
            .or(1, Draw.listOf(CHAR_FORMS, 0, 14)));

    /** The demo's path words, some spanning two segments, whose inner '/' can be encoded too. */
    static final Weighted<String> DEMO_NAMES = Weighted
            .of(8, "api/protected").or(6, "api/public").or(8, "dashboard")
            .or(6, "notes").or(6, "account").or(4, "account/profile")
            .or(3, "api").or(3, "protected").or(3, "public")
            .or(3, "api/auth/get-session").or(2, "login").or(1, "signup")
            .or(1, "dev/mail").or(4, "data").or(4, "x").or(2, "index.jsp");

    /** {@link WelcomeApp}'s folders, pages and servlets. */
    static final Weighted<String> WELCOME_NAMES = Weighted
            .of(6, "lobby").or(6, "vault").or(5, "members").or(4, "docs").or(3, "guide")
            .or(5, "index.jsp").or(4, "index.html").or(3, "secret.html").or(2, "gone.jsp")
            .or(3, "lobby/index.jsp").or(3, "vault/secret.html").or(2, "members/index.html")
            .or(4, "go").or(3, "with").or(2, "gone").or(1, "plain").or(1, "oops.jsp").or(2, "x");

    /** The empty segment and dot segments. */
    private static final Weighted<String> DOTS = Weighted.of(3, "").or(4, ".").or(8, "..").or(1, "...");

    private static final Weighted<String> DECORATIONS = Weighted
            .of(85, "").or(3, ".").or(2, "..").or(3, "%20").or(1, " ")
            .or(2, "%09").or(1, "%00").or(1, "~1").or(1, "::$DATA")
            .or(2, "%2e").or(1, "%e3%80%82");

    private static final Weighted<String> PARAMETERS = Weighted
            .of(70, "").or(5, ";").or(8, ";x").or(4, ";jsessionid=ABC123")
            .or(2, ";x=1;y=2").or(2, ";%2e%2e").or(2, ";..").or(2, ";x%2f..%2fdata")
            .or(1, ";%3b").or(1, ";x=%2f").or(1, ";%ef%bc%8f..").or(1, ";\uFF0F..");

    private static final Weighted<String> SEPARATORS = Weighted
            .of(150, "/").or(6, "//").or(4, "\\").or(3, "%2f").or(3, "%2F")
            .or(3, "%5c").or(2, "%5C").or(4, "/./").or(3, "/%2e/").or(2, "%252f")
            .or(1, "\uFF0F").or(2, "%ef%bc%8f").or(2, "%c0%af").or(1, "\u2215")
            .or(3, "/;x/").or(2, "/.;/").or(2, "/..;/");

    /** How targets end; a directory's welcome file is only looked for when the path ends in '/'. */
    static final Weighted<String> TAILS = Weighted
            .of(55, "").or(10, "/").or(4, "/.").or(4, "/..").or(3, "/%2e%2e")
            .or(3, ";x").or(3, "/;x/..").or(3, ".").or(3, "%20").or(1, " ")
            .or(5, "?a=1").or(3, "?next=/../dashboard").or(1, "#/../dashboard")
            .or(1, "?;x/..#y");

    /** {@link #TAILS} with a trailing slash (plain, or with a ;param or a query after it) far more often. */
    static final Weighted<String> DIRECTORY_TAILS = TAILS.or(40, "/").or(5, "/;jsessionid=ABC123").or(5, "/?a=1");

    private static final Weighted<String> PREFIXES = Weighted.of(97, "").or(3, "http://127.0.0.1");

    /** Segments after the first: one to five. */
    private static final int MIN_REST = 1;
    private static final int MAX_REST = 5;

    private final SplittableRandom random;
    /** The path words, dot segments and the empty segment. */
    private final Draw<String> words;
    /**
     * The first segment is mostly a name: a path that starts by climbing above the root is refused by every
     * parser, so it tests little; later segments climb as they like.
     */
    private final Draw<String> firstWords;
    private final Weighted<String> tails;

    /** Targets at the demo's paths drawn from {@code seed}: the same seed, the same targets. */
    RawPaths(long seed) {
        this(seed, DEMO_NAMES, TAILS);
    }

    /** Targets made of {@code names} and ending in one of {@code tails}, drawn from {@code seed}. */
    RawPaths(long seed, Weighted<String> names, Weighted<String> tails) {
        this.random = new SplittableRandom(seed);
        this.words = Draw.oneOf(Weighted.<Draw<String>>of(7, names).or(3, DOTS));
        this.firstWords = Draw.oneOf(Weighted.<Draw<String>>of(9, names).or(1, words));
        this.tails = tails;
    }

    /** The next raw request target, as it goes on the request line. */
    String next() {
        String prefix = PREFIXES.from(random);
        String first = segment(firstWords.from(random));
        int restSize = random.nextInt(MIN_REST, MAX_REST + 1);
        List<String> rest = new ArrayList<>(restSize);
        for (int i = 0; i < restSize; i++) {
            rest.add(segment(words.from(random)));
        }
        List<String> separators = new ArrayList<>(restSize + 1);
        for (int i = 0; i <= restSize; i++) {
            separators.add(SEPARATORS.from(random));
        }
        return target(prefix, first, rest, separators, tails.from(random));
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

    private String segment(String word) {
        List<CharForm> forms = FORMS.from(random);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            out.append(render(word.charAt(i), i < forms.size() ? forms.get(i) : CharForm.RAW));
        }
        return out.append(DECORATIONS.from(random)).append(PARAMETERS.from(random)).toString();
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
}
