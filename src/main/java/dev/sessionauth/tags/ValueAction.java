package dev.sessionauth.tags;

import jakarta.servlet.jsp.JspContext;
import jakarta.servlet.jsp.JspException;
import java.io.IOException;
import java.util.Optional;

/**
 * What a value tag ({@code <auth:user>}, {@code <auth:session>}) does to the page: print text, store the raw
 * value in a scoped variable, or remove that variable. Decided without a container by {@link #decide}.
 */
sealed interface ValueAction {
    /** Writes text that is already safe to write (escaped, unless the page asked for {@code escapeXml="false"}). */
    record Print(String text) implements ValueAction {
        @Override
        public void apply(JspContext page) throws IOException {
            page.getOut().write(text);
        }
    }

    /** Puts the raw value into a scope, as {@code <c:set>} would. */
    record Store(String var, String value, int scope) implements ValueAction {
        @Override
        public void apply(JspContext page) {
            page.setAttribute(var, value, scope);
        }
    }

    /** Removes a variable that a previous use of the tag (or the page) may have left with a stale value. */
    record Remove(String var, int scope) implements ValueAction {
        @Override
        public void apply(JspContext page) {
            page.removeAttribute(var, scope);
        }
    }

    void apply(JspContext page) throws IOException;

    /**
     * The value if there is one, else the default if there is one: printed (escaped when {@code escapeXml}), or
     * with {@code var} stored raw in {@code scope} (and removed from it when there is neither). Empty text counts
     * as none, so {@code default="${param.missing}"} (which the container turns into "") removes the variable.
     *
     * @throws JspException when {@code scope} is not a scope name, or is given without {@code var}
     */
    static ValueAction decide(Optional<String> value, Optional<String> fallback, boolean escapeXml,
                              Optional<String> var, Optional<String> scope) throws JspException {
        Optional<String> shown = value.filter(s -> !s.isEmpty()).or(() -> fallback.filter(s -> !s.isEmpty()));
        if (var.isEmpty()) {
            if (scope.isPresent()) {
                throw new JspException("scope=\"" + scope.get() + "\" needs var=\"...\" to name the variable to set");
            }
            return new Print(shown.map(s -> escapeXml ? Html.escape(s) : s).orElse(""));
        }
        int scopeId = Scopes.of(scope.orElse("page"));
        if (var.get().isBlank()) {
            throw new JspException("var=\"\": name the variable to set, or leave var out to print the value");
        }
        return shown.<ValueAction>map(s -> new Store(var.get(), s, scopeId)).orElseGet(() -> new Remove(var.get(), scopeId));
    }
}
