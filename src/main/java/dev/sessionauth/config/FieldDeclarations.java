package dev.sessionauth.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.config.AdditionalField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads field declarations such as {@code role:string:default=user, preferences:json:input, age:number:input:required}:
 * {@code name:type} followed by the flags {@code required}, {@code input} and {@code default=<value>}.
 */
final class FieldDeclarations {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Set<String> RESERVED = Set.of("id", "name", "email", "emailverified", "image", "createdat",
            "updatedat", "password", "token", "userid", "expiresat", "ipaddress", "useragent", "rememberme",
            "callbackurl", "errorcallbackurl", "_csrf", "remember", "absoluteexpiresat", "redirect", "url");

    private FieldDeclarations() {
    }

    /**
     * Parses the declarations of one setting.
     *
     * @param problem builds the exception for a bad declaration from (the declaration, what is wrong)
     */
    static List<AdditionalField> parse(List<String> declarations, ObjectMapper json,
                                       java.util.function.BiFunction<String, String, ConfigException> problem) {
        List<AdditionalField> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split(":", -1);
            if (parts.length < 2) {
                throw problem.apply(declaration, "needs at least name:type, e.g. role:string:default=user");
            }
            String name = parts[0].trim();
            if (!NAME.matcher(name).matches()) {
                throw problem.apply(declaration, "the name must be a letter followed by up to 39 letters, digits or _");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw problem.apply(declaration, "\"" + name + "\" is a built-in field; choose another name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw problem.apply(declaration, "\"" + name + "\" is declared twice (names ignore case)");
            }
            AdditionalField.Type type;
            try {
                type = AdditionalField.Type.valueOf(parts[1].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw problem.apply(declaration, "the type must be string, boolean, number or json");
            }
            boolean required = false;
            boolean input = false;
            Optional<Object> defaultValue = Optional.empty();
            // A default may itself contain ':' (a URL, JSON): everything after "default=" belongs to it.
            for (int i = 2; i < parts.length; i++) {
                String flag = parts[i].trim();
                if (flag.equals("required")) {
                    required = true;
                } else if (flag.equals("input")) {
                    input = true;
                } else if (flag.startsWith("default=")) {
                    String raw = String.join(":", java.util.Arrays.copyOfRange(parts, i, parts.length)).trim()
                            .substring("default=".length());
                    defaultValue = Optional.of(parseDefault(type, raw, json).orElseThrow(() -> problem.apply(declaration,
                            "the default \"" + raw + "\" is not a " + type.lowerName())));
                    break;
                } else {
                    throw problem.apply(declaration, "unknown flag \"" + flag + "\"; use required, input or default=<value>");
                }
            }
            if (required && !input && defaultValue.isEmpty()) {
                throw problem.apply(declaration, "a required field that clients cannot set needs a default");
            }
            fields.add(new AdditionalField(name, type, required, defaultValue, input));
        }
        return List.copyOf(fields);
    }

    private static Optional<Object> parseDefault(AdditionalField.Type type, String raw, ObjectMapper json) {
        return switch (type) {
            case STRING -> Optional.of(raw);
            case BOOLEAN -> raw.equals("true") ? Optional.of(Boolean.TRUE)
                    : raw.equals("false") ? Optional.of(Boolean.FALSE) : Optional.empty();
            case NUMBER -> {
                try {
                    double d = Double.parseDouble(raw);
                    yield Double.isFinite(d) ? Optional.of(AdditionalField.number(d)) : Optional.empty();
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
            case JSON -> {
                try {
                    yield Optional.ofNullable(json.readValue(raw, Object.class));
                } catch (JsonProcessingException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    /** Splits a setting on the commas that are not inside a JSON default's braces, brackets or quotes. */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    current.append(c).append(value.charAt(++i));
                    continue;
                }
                quoted = c != '"';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                if (!current.toString().isBlank()) {
                    out.add(current.toString().trim());
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }
}
