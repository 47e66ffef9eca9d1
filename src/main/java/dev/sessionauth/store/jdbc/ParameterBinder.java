package dev.sessionauth.store.jdbc;

import dev.sessionauth.config.AdditionalField;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Binds a statement's parameters one after another, in the order its SQL text places them: no caller counts
 * positions past a variable number of declared-field columns.
 */
final class ParameterBinder {
    private final PreparedStatement ps;
    private int next = 1;

    ParameterBinder(PreparedStatement ps) {
        this.ps = ps;
    }

    ParameterBinder string(String value) throws SQLException {
        ps.setString(next++, value);
        return this;
    }

    ParameterBinder bool(boolean value) throws SQLException {
        ps.setBoolean(next++, value);
        return this;
    }

    ParameterBinder bigint(long value) throws SQLException {
        ps.setLong(next++, value);
        return this;
    }

    ParameterBinder instant(Instant value) throws SQLException {
        Jdbc.setInstant(ps, next++, value);
        return this;
    }

    /** One parameter per declared field of {@code fields}, in declaration order; absent values are bound as NULL. */
    ParameterBinder fields(FieldColumns fields, Map<String, Object> values) throws SQLException {
        fields.bindAll(ps, next, values);
        next += fields.fields().size();
        return this;
    }

    /** One declared field's value. */
    ParameterBinder field(FieldColumns fields, AdditionalField field, Object value) throws SQLException {
        fields.bind(ps, next++, field, value);
        return this;
    }
}
