package dev.sessionauth.tags;

/**
 * HTML escaping as JSTL's {@code <c:out>} does it: safe inside element content and inside quoted attribute
 * values, which is where the tags put user-controlled text.
 */
public final class Html {
    private Html() {
    }

    /** The text with {@code & < > " '} replaced by entities; everything else unchanged. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String entity = entity(text.charAt(i));
            if (entity != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(entity);
            } else if (out != null) {
                out.append(text.charAt(i));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String entity(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&#034;";
            case '\'' -> "&#039;";
            default -> null;
        };
    }
}
