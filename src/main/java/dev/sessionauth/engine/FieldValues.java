package dev.sessionauth.engine;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks values for declared additional fields before they are stored: only declared fields, only those a
 * client may set (when the values come from a client), each of its type and size, defaults filled in and
 * required ones present. Failures are 400 {@code INVALID_REQUEST_BODY} naming the field ({@code FIELD_NOT_ALLOWED}
 * for a field the client may not set).
 */
final class FieldValues {
    private static final int MAX_STRING = 1024;
    private static final int MAX_JSON = 8192;

    private final List<AdditionalField> fields;
    private final ObjectMapper json = new ObjectMapper();

    FieldValues(List<AdditionalField> fields) {
        this.fields = List.copyOf(fields);
    }

    List<AdditionalField> fields() {
        return fields;
    }

    /** The values of a new row: the given ones checked, the rest from defaults; required ones must be there. */
    Map<String, Object> forNewRow(Map<String, Object> given, boolean fromClient) {
        Map<String, Object> values = new LinkedHashMap<>(checked(given, fromClient));
        for (AdditionalField f : fields) {
            if (!values.containsKey(f.name())) {
                f.defaultValue().ifPresent(d -> values.put(f.name(), d));
            }
            if (f.required() && values.get(f.name()) == null) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Missing field: " + f.name());
            }
        }
        return values;
    }

    /** Changes to an existing row: each checked; a required field cannot be cleared. */
    Map<String, Object> forUpdate(Map<String, Object> given, boolean fromClient) {
        Map<String, Object> values = checked(given, fromClient);
        for (AdditionalField f : fields) {
            if (f.required() && values.containsKey(f.name()) && values.get(f.name()) == null) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, f.name() + " is required and cannot be null");
            }
        }
        return values;
    }

    /** Whether {@code name} is a declared field that a client may set. */
    boolean isClientWritable(String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name) && f.input());
    }

    private Map<String, Object> checked(Map<String, Object> given, boolean fromClient) {
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            AdditionalField f = fields.stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Unknown field: " + name));
            if (fromClient && !f.input()) {
                // Better Auth's words for a field its schema marks input:false (role, banned, impersonatedBy, ...).
                throw new AuthException(ErrorCode.FIELD_NOT_ALLOWED, name + " is not allowed to be set");
            }
            values.put(name, check(f, value));
        });
        return values;
    }

    private Object check(AdditionalField f, Object value) {
        if (value == null) {
            return null;
        }
        switch (f.type()) {
            case STRING -> {
                if (value instanceof String s && s.length() <= MAX_STRING) {
                    return s;
                }
                throw wrong(f, "a string of at most " + MAX_STRING + " characters");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                throw wrong(f, "true or false");
            }
            case NUMBER -> {
                if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                    return AdditionalField.number(n.doubleValue());
                }
                throw wrong(f, "a number");
            }
            default -> {
                try {
                    String text = json.writeValueAsString(value);
                    if (text.length() > MAX_JSON) {
                        throw wrong(f, "JSON of at most " + MAX_JSON + " characters");
                    }
                    // Stored and returned as plain JSON values (Map, List, String, Number, Boolean).
                    return json.readValue(text, Object.class);
                } catch (JsonProcessingException e) {
                    throw wrong(f, "a JSON value");
                }
            }
        }
    }

    private static AuthException wrong(AdditionalField f, String expected) {
        return new AuthException(ErrorCode.INVALID_REQUEST_BODY, f.name() + " must be " + expected);
    }
}
