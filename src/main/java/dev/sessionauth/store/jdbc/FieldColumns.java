package dev.sessionauth.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.config.AdditionalField;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a table's declared additional fields: their DDL, and values in and out of JDBC. Column names
 * come from {@link AdditionalField#column()}, whose names the configuration has checked to be plain identifiers,
 * so they are safe to write into SQL text (values are always bound).
 */
final class FieldColumns {
    static final int MAX_STRING = 1024;
    static final int MAX_JSON = 8192;

    private final List<AdditionalField> fields;
    private final ObjectMapper json = new ObjectMapper();

    FieldColumns(List<AdditionalField> fields) {
        this.fields = List.copyOf(fields);
    }

    List<AdditionalField> fields() {
        return fields;
    }

    static String sqlType(AdditionalField field) {
        return switch (field.type()) {
            case STRING -> "VARCHAR(" + MAX_STRING + ")";
            case BOOLEAN -> "BOOLEAN";
            case NUMBER -> "DOUBLE PRECISION";
            case JSON -> "VARCHAR(" + MAX_JSON + ")";
        };
    }

    /** ", a.f_x, a.f_y" — appended to a SELECT list. */
    String selectList(String alias) {
        StringBuilder b = new StringBuilder();
        for (AdditionalField f : fields) {
            b.append(", ").append(alias).append('.').append(f.column());
        }
        return b.toString();
    }

    /** ", f_x, f_y" — appended to an INSERT column list. */
    String insertColumns() {
        StringBuilder b = new StringBuilder();
        for (AdditionalField f : fields) {
            b.append(", ").append(f.column());
        }
        return b.toString();
    }

    /** ", ?, ?" — one placeholder per field. */
    String placeholders() {
        return ", ?".repeat(fields.size());
    }

    /** Binds every field of {@code values} (absent ones as NULL) from parameter {@code first} on. */
    void bindAll(PreparedStatement ps, int first, Map<String, Object> values) throws SQLException {
        for (int i = 0; i < fields.size(); i++) {
            bind(ps, first + i, fields.get(i), values.get(fields.get(i).name()));
        }
    }

    void bind(PreparedStatement ps, int index, AdditionalField field, Object value) throws SQLException {
        if (value == null && field.type() != AdditionalField.Type.JSON) {
            ps.setNull(index, switch (field.type()) {
                case BOOLEAN -> Types.BOOLEAN;
                case NUMBER -> Types.DOUBLE;
                default -> Types.VARCHAR;
            });
            return;
        }
        switch (field.type()) {
            case STRING -> ps.setString(index, (String) value);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case NUMBER -> ps.setDouble(index, ((Number) value).doubleValue());
            case JSON -> {
                try {
                    // JSON null is stored as the text "null", so it stays distinct from "no value".
                    ps.setString(index, json.writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    throw new SQLException("field " + field.name() + " is not JSON-serialisable", e);
                }
            }
        }
    }

    /** Reads every field from column {@code first} on; a NULL column takes the field's default, if any. */
    Map<String, Object> readAll(ResultSet rs, int first) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            AdditionalField f = fields.get(i);
            Object value = read(rs, first + i, f);
            if (value != null || (f.type() == AdditionalField.Type.JSON && rs.getString(first + i) != null)) {
                values.put(f.name(), value);
            } else {
                f.defaultValue().ifPresent(d -> values.put(f.name(), d));
            }
        }
        return values;
    }

    private Object read(ResultSet rs, int index, AdditionalField field) throws SQLException {
        switch (field.type()) {
            case STRING:
                return rs.getString(index);
            case BOOLEAN: {
                boolean b = rs.getBoolean(index);
                return rs.wasNull() ? null : b;
            }
            case NUMBER: {
                double d = rs.getDouble(index);
                return rs.wasNull() ? null : AdditionalField.number(d);
            }
            default: {
                String text = rs.getString(index);
                if (text == null) {
                    return null;
                }
                try {
                    return json.readValue(text, Object.class);
                } catch (JsonProcessingException e) {
                    throw new SQLException("column " + field.column() + " does not hold JSON", e);
                }
            }
        }
    }
}
