package dev.sessionauth.store.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.spi.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared additional fields of a row in {@link MemoryStores}, kept as a database column would keep them:
 * numbers as Long or Double, JSON values copied through JSON, a missing value as the default, and a value longer
 * than its column refused.
 */
final class MemoryColumns {
    // The column sizes of the JDBC schema (see AdditionalField.Type): a longer value is refused there too.
    private static final int MAX_STRING = 1024;
    private static final int MAX_JSON = 8192;

    private final ObjectMapper json = new ObjectMapper();

    /** Every declared field, as an INSERT binds it: values given, else what reading the column gives. */
    Map<String, Object> ofNewRow(List<AdditionalField> declared, Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (AdditionalField f : declared) {
            put(row, f, values.get(f.name()));
        }
        return row;
    }

    /** {@code current} with the declared fields named in {@code changes} set, as an UPDATE of their columns. */
    Map<String, Object> updated(List<AdditionalField> declared, Map<String, Object> current,
                                Map<String, Object> changes) {
        Map<String, Object> row = new LinkedHashMap<>(current);
        for (AdditionalField f : declared) {
            if (changes.containsKey(f.name())) {
                row.remove(f.name());
                put(row, f, changes.get(f.name()));
            }
        }
        return row;
    }

    private void put(Map<String, Object> row, AdditionalField f, Object value) {
        if (f.type() == AdditionalField.Type.STRING && value != null && ((String) value).length() > MAX_STRING) {
            throw MemoryStores.refused("field " + f.name() + " is longer than " + MAX_STRING + " characters");
        }
        if (f.type() == AdditionalField.Type.JSON) {
            // A JSON column holds the text "null" for no value, which reads back as a present null.
            row.put(f.name(), throughJson(f, value));
        } else if (value != null) {
            row.put(f.name(), f.type() == AdditionalField.Type.NUMBER
                    ? AdditionalField.number(((Number) value).doubleValue()) : value);
        } else {
            f.defaultValue().ifPresent(d -> row.put(f.name(), d));
        }
    }

    /** A deep copy, typed as reading JSON text gives it, so no caller keeps a handle on a stored value. */
    private Object throughJson(AdditionalField f, Object value) {
        try {
            String text = json.writeValueAsString(value);
            if (text.length() > MAX_JSON) {
                throw MemoryStores.refused("field " + f.name() + " is longer than " + MAX_JSON + " characters as JSON");
            }
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new StoreUnavailableException("field " + f.name() + " is not JSON-serialisable", e);
        }
    }
}
