package dev.sessionauth.admin;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which users to list and how: Better Auth's list-users query ({@code searchValue}, {@code searchField},
 * {@code searchOperator}, {@code sortBy}, {@code sortDirection}, {@code filterField}, {@code filterValue},
 * {@code filterOperator}, {@code limit}, {@code offset}) over an allow-list of fields, so no column the admin tools
 * do not show can be sorted or probed. Searches ignore case; a page holds at most {@value #MAX_LIMIT} users.
 * Start from {@link #all()}.
 *
 * @param search  a text to look for in the e-mail address or the name
 * @param sortBy  the order (ties broken by id, so pages never overlap)
 * @param filter  a condition on one field
 * @param limit   how many users a page holds, 1 to {@value #MAX_LIMIT}
 * @param offset  how many to skip, from 0
 */
public record UserQuery(Optional<Search> search, Sort sortBy, Optional<Filter> filter, int limit, int offset) {
    /** Better Auth's page size when none is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page: one request never reads the whole table. */
    public static final int MAX_LIMIT = 500;

    /** The fields a query may name, with Better Auth's names. */
    public enum Field {
        ID("id"), EMAIL("email"), NAME("name"), ROLE("role"), BANNED("banned"), EMAIL_VERIFIED("emailVerified"),
        CREATED_AT("createdAt"), UPDATED_AT("updatedAt");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        /** The name on the wire ({@code createdAt}). */
        public String wireName() {
            return wireName;
        }

        /** The field of this wire name. */
        public static Optional<Field> of(String wireName) {
            for (Field f : values()) {
                if (f.wireName.equals(wireName)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        boolean isText() {
            return this == ID || this == EMAIL || this == NAME || this == ROLE;
        }

        boolean isFlag() {
            return this == BANNED || this == EMAIL_VERIFIED;
        }

        boolean isSortable() {
            return this != BANNED && this != EMAIL_VERIFIED && this != ID;
        }
    }

    /** How a value is compared, with Better Auth's names. */
    public enum Operator {
        EQ, NE, CONTAINS, STARTS_WITH, ENDS_WITH;

        /** The name on the wire ({@code starts_with}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The operator of this wire name. */
        public static Optional<Operator> of(String wireName) {
            for (Operator o : values()) {
                if (o.wireName().equals(wireName)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        boolean isPattern() {
            return this == CONTAINS || this == STARTS_WITH || this == ENDS_WITH;
        }
    }

    /** A text to find in the e-mail address or the name: {@code contains}, {@code starts_with}, {@code ends_with}. */
    public record Search(Field field, Operator operator, String value) {
        public Search {
            Objects.requireNonNull(value, "value");
            if (field != Field.EMAIL && field != Field.NAME) {
                throw new IllegalArgumentException("search in email or name, not " + field.wireName());
            }
            if (!operator.isPattern()) {
                throw new IllegalArgumentException("search with contains, starts_with or ends_with");
            }
        }
    }

    /** A condition on one field: text fields take every operator, flags ({@code banned}) only eq and ne. */
    public record Filter(Field field, Operator operator, String value) {
        public Filter {
            Objects.requireNonNull(value, "value");
            if (!field.isText() && !field.isFlag()) {
                throw new IllegalArgumentException("filter on id, email, name, role, banned or emailVerified, not "
                        + field.wireName());
            }
            if (field.isFlag() && operator.isPattern()) {
                throw new IllegalArgumentException(field.wireName() + " is true or false: filter it with eq or ne");
            }
            if (field.isFlag() && !value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(field.wireName() + " is true or false, not " + value);
            }
        }

        /** The flag's value, for {@code banned} and {@code emailVerified}. */
        boolean flag() {
            return Boolean.parseBoolean(value);
        }
    }

    /** An order: a sortable field ({@code email}, {@code name}, {@code role}, {@code createdAt}, {@code updatedAt}). */
    public record Sort(Field field, boolean descending) {
        public Sort {
            if (!field.isSortable()) {
                throw new IllegalArgumentException("sort by email, name, role, createdAt or updatedAt, not "
                        + field.wireName());
            }
        }
    }

    public UserQuery {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(sortBy, "sortBy");
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more");
        }
    }

    /** Every user, oldest first, the first {@value #DEFAULT_LIMIT}. */
    public static UserQuery all() {
        return new UserQuery(Optional.empty(), new Sort(Field.CREATED_AT, false), Optional.empty(), DEFAULT_LIMIT, 0);
    }

    /** The same, only users whose {@code field} (email or name) holds {@code value} as {@code operator} says. */
    public UserQuery search(Field field, Operator operator, String value) {
        return new UserQuery(Optional.of(new Search(field, operator, value)), sortBy, filter, limit, offset);
    }

    /** The same, only users whose {@code field} compares to {@code value} as {@code operator} says. */
    public UserQuery filter(Field field, Operator operator, String value) {
        return new UserQuery(search, sortBy, Optional.of(new Filter(field, operator, value)), limit, offset);
    }

    /** The same in this order. */
    public UserQuery sortBy(Field field, boolean descending) {
        return new UserQuery(search, new Sort(field, descending), filter, limit, offset);
    }

    /** The same, this page. */
    public UserQuery page(int limit, int offset) {
        return new UserQuery(search, sortBy, filter, limit, offset);
    }
}
