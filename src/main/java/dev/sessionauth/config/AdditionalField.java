package dev.sessionauth.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared custom field of users or sessions (the seed's {@code CustomUser { role; preferences }}): its name,
 * type, whether it is required, its default, and whether clients may set it. Each one is a real column.
 *
 * @param name         the JSON and Java name, e.g. {@code role}
 * @param type         what values it holds
 * @param required     whether every row must have a value (from the client or the default)
 * @param defaultValue the value used when none is given: String, Boolean, Number or a JSON value (Map, List, …)
 * @param input        whether a client may set it (at sign-up and through update-user / update-session)
 */
public record AdditionalField(String name, Type type, boolean required, Optional<Object> defaultValue, boolean input) {
    /** The value types a field can hold. */
    public enum Type {
        /** A string of at most 1024 characters. */
        STRING,
        /** true or false. */
        BOOLEAN,
        /** A JSON number, read back as Long when integral, else Double. */
        NUMBER,
        /** Any JSON value of at most 8192 characters, read back as Map, List, String, Number or Boolean. */
        JSON;

        /** The type's name as declarations write it ({@code string}, {@code json}, …). */
        public String lowerName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AdditionalField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /** A number as fields hold it: integral values as Long (so 42 stays 42 in JSON), others as Double. */
    public static Number number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return (long) d;
        }
        return d;
    }

    /** The column that stores it: a prefix keeps declared names clear of SQL keywords and our own columns. */
    public String column() {
        return "f_" + name.toLowerCase(Locale.ROOT);
    }
}
