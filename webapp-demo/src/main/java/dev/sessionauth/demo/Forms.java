package dev.sessionauth.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** What the demo's HTML forms posted: a field, stripped, or nothing when it is absent or blank. */
final class Forms {
    private Forms() {
    }

    /** A form field, stripped; empty when absent or blank. */
    static Optional<String> field(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
