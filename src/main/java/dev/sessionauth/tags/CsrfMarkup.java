package dev.sessionauth.tags;

/**
 * The markup that carries the session's CSRF token into a page: a hidden form field that the filter checks on
 * form posts, and a meta element that scripts copy into the {@code X-CSRF-Token} header.
 */
public final class CsrfMarkup {
    /** The form field name; the filter reads the same name ({@code CsrfGuard.TOKEN_FIELD}). */
    public static final String FIELD = "_csrf";
    /** The meta element name scripts look the token up by. */
    public static final String META_NAME = "csrf-token";

    private CsrfMarkup() {
    }

    /** {@code <input type="hidden" name="_csrf" value="TOKEN">}, the token escaped. */
    public static String input(String token) {
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + Html.escape(token) + "\">";
    }

    /** {@code <meta name="csrf-token" content="TOKEN">}, the token escaped. */
    public static String meta(String token) {
        return "<meta name=\"" + META_NAME + "\" content=\"" + Html.escape(token) + "\">";
    }
}
