package dev.sessionauth.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How every table of SessionAuth, a feature's included, writes and reads a point in time: a
 * {@code TIMESTAMP WITH TIME ZONE} bound as an {@link OffsetDateTime} in UTC, which H2 and PostgreSQL both map
 * without the JVM's zone. One definition, so the core's and the features' tables cannot drift apart.
 */
public final class TimestampColumns {
    private TimestampColumns() {
    }

    /** Binds {@code instant} to parameter {@code index}. */
    public static void set(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The instant in column {@code index} (not null). */
    public static Instant get(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, OffsetDateTime.class).toInstant();
    }
}
