package dev.sessionauth.store.jdbc;

import dev.sessionauth.User;
import dev.sessionauth.config.AdditionalField;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The rows of {@code sa_user} for a feature that queries the table itself (the admin tools' search and paging): the
 * SELECT list over {@code sa_user u}, declared fields included, and the mapping of a row to a {@link User}, exactly as
 * the user store reads one.
 */
public final class UserRows {
    private final FieldColumns fields;
    private final String selectList;

    /** Rows with these declared user fields (the configuration's, features' included). */
    public UserRows(List<AdditionalField> userFields) {
        this.fields = new FieldColumns(userFields);
        this.selectList = Jdbc.userColumns(fields);
    }

    /** {@code u.id, u.name, …, u.f_role, …}: the columns {@link #read} maps, for {@code SELECT … FROM sa_user u}. */
    public String selectList() {
        return selectList;
    }

    /** The user of the row {@code rs} stands on, whose first columns are {@link #selectList()}'s. */
    public User read(ResultSet rs) throws SQLException {
        return Jdbc.user(new ColumnReader(rs), fields);
    }
}
