package dev.sessionauth.admin;

import dev.sessionauth.User;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.store.jdbc.UserRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Lists users with SQL over {@code sa_user}: one page query and one count, the same conditions for both. Every
 * column, operator and direction comes from the allow-lists of {@link UserQuery} (so no text of the request ever
 * reaches the SQL); every value is a bound parameter, and LIKE patterns escape their wildcards. Paging is
 * {@code OFFSET … FETCH FIRST …}, ordered by an indexed column ({@code created_at}, {@code email}, {@code name})
 * with the id as tie-break, so pages never overlap. E-mail search reads the stored lower-case address as is (a
 * prefix search can use its unique index); name search and the pattern filters compare lower-cased.
 */
final class JdbcUserListing implements UserListing {
    private static final String FROM = " FROM sa_user u";
    private static final String COUNT = "SELECT COUNT(*)" + FROM;
    private static final String PAGE = " OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
    private static final String OWNER_OF_SESSION = "SELECT user_id FROM sa_session WHERE id = ?";
    private static final String LIKE = " LIKE ? ESCAPE '\\'";
    // The effective ban: set, and either without an end or ending after the bound time (ISO text compares in order).
    private static final String BAN_HOLDS_TEMPLATE = "(COALESCE(u.%1$s, FALSE) = TRUE AND (u.%2$s IS NULL OR u.%2$s > ?))";

    private final DataSource dataSource;
    private final UserRows rows;
    private final String select;
    private final String defaultRole;
    private final String roleColumn;
    private final String banHolds;

    JdbcUserListing(DataSource dataSource, List<AdditionalField> userFields, String defaultRole) {
        this.dataSource = dataSource;
        this.rows = new UserRows(userFields);
        this.select = "SELECT " + rows.selectList() + FROM;
        this.defaultRole = defaultRole;
        this.roleColumn = "u." + column(userFields, AdminFields.ROLE);
        this.banHolds = BAN_HOLDS_TEMPLATE.formatted(column(userFields, AdminFields.BANNED),
                column(userFields, AdminFields.BAN_EXPIRES));
    }

    /** The column of a declared field (the app may have declared {@code role} itself). */
    private static String column(List<AdditionalField> fields, String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no user field " + name)).column();
    }

    /** A WHERE clause's conditions and their values, in the order the placeholders stand. */
    private static final class Clause {
        final List<String> conditions = new ArrayList<>();
        final List<Object> values = new ArrayList<>();

        void add(String condition, Object... bound) {
            conditions.add(condition);
            values.addAll(List.of(bound));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    @Override
    public UserPage page(UserQuery query, Instant now) {
        Clause where = new Clause();
        query.search().ifPresent(s -> pattern(where, s.field(), s.operator(), s.value()));
        query.filter().ifPresent(f -> filter(where, f, now));
        List<Object> orderValues = new ArrayList<>();
        String order = " ORDER BY " + sortColumn(query.sortBy().field(), orderValues)
                + (query.sortBy().descending() ? " DESC" : " ASC") + ", u.id"
                + (query.sortBy().descending() ? " DESC" : " ASC");
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement(COUNT + where.sql())) {
                bind(ps, 1, where.values);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<User> users = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select + where.sql() + order + PAGE)) {
                int next = bind(ps, 1, where.values);
                next = bind(ps, next, orderValues);
                ps.setInt(next, query.offset());
                ps.setInt(next + 1, query.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        users.add(rows.read(rs));
                    }
                }
            }
            return new UserPage(users, total, query.limit(), query.offset());
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not list users: " + e.getMessage(), e);
        }
    }

    private String sortColumn(UserQuery.Field field, List<Object> values) {
        return switch (field) {
            case EMAIL -> "u.email";
            case NAME -> "u.name";
            case UPDATED_AT -> "u.updated_at";
            case ROLE -> {
                values.add(defaultRole);
                yield "COALESCE(" + roleColumn + ", ?)";
            }
            default -> "u.created_at";
        };
    }

    private void pattern(Clause where, UserQuery.Field field, UserQuery.Operator operator, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String like = switch (operator) {
            case STARTS_WITH -> escape(lower) + "%";
            case ENDS_WITH -> "%" + escape(lower);
            default -> "%" + escape(lower) + "%";
        };
        if (field == UserQuery.Field.EMAIL) {
            where.add("u.email" + LIKE, like);
        } else if (field == UserQuery.Field.ROLE) {
            where.add("LOWER(COALESCE(" + roleColumn + ", ?))" + LIKE, defaultRole, like);
        } else {
            where.add("LOWER(" + textColumn(field) + ")" + LIKE, like);
        }
    }

    private String textColumn(UserQuery.Field field) {
        return switch (field) {
            case ID -> "u.id";
            case EMAIL -> "u.email";
            default -> "u.name";
        };
    }

    private void filter(Clause where, UserQuery.Filter f, Instant now) {
        if (f.operator().isPattern()) {
            pattern(where, f.field(), f.operator(), f.value());
            return;
        }
        boolean eq = f.operator() == UserQuery.Operator.EQ;
        switch (f.field()) {
            case BANNED -> where.add(eq == f.flag() ? banHolds : "NOT " + banHolds, AdminFields.timestamp(now));
            case EMAIL_VERIFIED -> where.add("u.email_verified " + (eq ? "=" : "<>") + " ?", f.flag());
            case ROLE -> where.add("COALESCE(" + roleColumn + ", ?) " + (eq ? "=" : "<>") + " ?", defaultRole,
                    f.value());
            default -> where.add(textColumn(f.field()) + (eq ? " = ?" : " <> ?"), f.value());
        }
    }

    /** {@code value} with LIKE's wildcards and the escape character taken literally. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static int bind(PreparedStatement ps, int first, List<Object> values) throws SQLException {
        int i = first;
        for (Object v : values) {
            if (v instanceof Boolean b) {
                ps.setBoolean(i++, b);
            } else {
                ps.setString(i++, (String) v);
            }
        }
        return i;
    }

    @Override
    public Optional<String> ownerOfSession(String sessionId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OWNER_OF_SESSION)) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read a session: " + e.getMessage(), e);
        }
    }
}
