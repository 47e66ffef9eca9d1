package dev.sessionauth.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the current row of a result one column after another, in the order the statement's SELECT list names
 * them: no caller counts positions past a variable number of declared-field columns.
 */
final class ColumnReader {
    private final ResultSet rs;
    private int next = 1;

    ColumnReader(ResultSet rs) {
        this.rs = rs;
    }

    String string() throws SQLException {
        return rs.getString(next++);
    }

    Optional<String> optionalString() throws SQLException {
        return Optional.ofNullable(string());
    }

    boolean bool() throws SQLException {
        return rs.getBoolean(next++);
    }

    Instant instant() throws SQLException {
        return Jdbc.getInstant(rs, next++);
    }

    /** The values of {@code fields}' columns, which come next, one per declared field. */
    Map<String, Object> fields(FieldColumns fields) throws SQLException {
        Map<String, Object> values = fields.readAll(rs, next);
        next += fields.fields().size();
        return values;
    }
}
