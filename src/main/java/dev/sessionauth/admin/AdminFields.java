package dev.sessionauth.admin;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.web.ApiJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields the admin tools add, named as Better Auth's admin plugin names them: {@code role}, {@code banned},
 * {@code banReason}, {@code banExpires} on users and {@code impersonatedBy} on sessions. None is client-writable.
 * A ban's end is kept as an ISO-8601 UTC timestamp of fixed width, so it reads on the wire as Better Auth's date
 * does and compares as text in SQL.
 */
final class AdminFields {
    static final String ROLE = "role";
    static final String BANNED = "banned";
    static final String BAN_REASON = "banReason";
    static final String BAN_EXPIRES = "banExpires";
    static final String IMPERSONATED_BY = "impersonatedBy";

    private AdminFields() {
    }

    /** The user fields, {@code role} defaulting to {@code defaultRole}. */
    static List<AdditionalField> userFields(String defaultRole) {
        return List.of(
                new AdditionalField(ROLE, AdditionalField.Type.STRING, false, Optional.of(defaultRole), false),
                new AdditionalField(BANNED, AdditionalField.Type.BOOLEAN, false, Optional.of(false), false),
                new AdditionalField(BAN_REASON, AdditionalField.Type.STRING, false, Optional.empty(), false),
                new AdditionalField(BAN_EXPIRES, AdditionalField.Type.STRING, false, Optional.empty(), false));
    }

    /** The session field. */
    static List<AdditionalField> sessionFields() {
        return List.of(new AdditionalField(IMPERSONATED_BY, AdditionalField.Type.STRING, false, Optional.empty(),
                false));
    }

    /** The user's roles: the {@code role} field split at commas, trimmed; empty when it holds none. */
    static List<String> roles(User user) {
        return user.get(ROLE, String.class).stream().flatMap(r -> Arrays.stream(r.split(",")))
                .map(String::trim).filter(r -> !r.isEmpty()).toList();
    }

    /** The admin who made this session by impersonation, if it is one. */
    static Optional<String> impersonatedBy(Session session) {
        return session.get(IMPERSONATED_BY, String.class).filter(id -> !id.isEmpty());
    }

    /** A timestamp as the field keeps it. */
    static String timestamp(Instant instant) {
        return ApiJson.timestamp(instant);
    }

    /**
     * A user's ban as stored.
     *
     * @param expires when it ends by itself; empty: when lifted
     */
    record Ban(boolean banned, Optional<String> reason, Optional<Instant> expires) {
        static final Ban NONE = new Ban(false, Optional.empty(), Optional.empty());

        static Ban of(User user) {
            boolean banned = user.get(BANNED, Boolean.class).orElse(false);
            Optional<Instant> expires = user.get(BAN_EXPIRES, String.class).flatMap(Ban::parse);
            return new Ban(banned, user.get(BAN_REASON, String.class), expires);
        }

        private static Optional<Instant> parse(String text) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                // Written by hand in the database: a ban whose end cannot be read does not end by itself.
                return Optional.empty();
            }
        }

        /** Whether it holds at {@code now}: banned, and not past its end. */
        boolean holdsAt(Instant now) {
            return banned && expires.map(now::isBefore).orElse(true);
        }

        /** Whether it was a ban that has run out by {@code now} (it is lifted at the next sign-in). */
        boolean lapsedAt(Instant now) {
            return banned && !holdsAt(now);
        }

        /** The field values that record this ban. */
        Map<String, Object> fields() {
            Map<String, Object> values = new HashMap<>();
            values.put(BANNED, banned);
            values.put(BAN_REASON, reason.orElse(null));
            values.put(BAN_EXPIRES, expires.map(AdminFields::timestamp).orElse(null));
            return values;
        }
    }
}
