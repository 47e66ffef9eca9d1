package dev.sessionauth.admin;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import dev.sessionauth.engine.FeatureContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code data} of an update-user, read and checked in full before anything is written: each key Better Auth's
 * update-user takes that SessionAuth keeps ({@code name}, {@code email}, {@code emailVerified}, {@code image},
 * {@code role}, {@code banned}, {@code banReason}, {@code banExpires}) and the app's declared user fields; any other
 * key (a feature's own field, a timestamp, a typo) is refused, named.
 *
 * @param name          the new name, trimmed
 * @param email         the new address, lower-cased, not another user's (as far as can be told before writing)
 * @param emailVerified whether the address counts as verified afterwards
 * @param image         the new image, when {@code image} was given (its url empty for {@code null})
 * @param role          the new role, roles joined with commas
 * @param ban           the ban to write: a ban ({@code banned}) or none (lifting it)
 * @param fields        the app's declared fields, checked by type and size
 */
record UserUpdate(Optional<String> name, Optional<String> email, Optional<Boolean> emailVerified,
                  Optional<Image> image, Optional<String> role, Optional<BanChange> ban, Map<String, Object> fields) {
    private static final Duration LONGEST_BAN = Duration.ofDays(36_500);
    private static final Set<String> BAN_KEYS = Set.of(AdminFields.BANNED, AdminFields.BAN_REASON,
            AdminFields.BAN_EXPIRES);

    /** An image URL given; empty to remove the image. */
    record Image(Optional<String> url) {
    }

    /**
     * The ban asked for.
     *
     * @param banned  whether the user is banned afterwards
     * @param reason  the reason given (the default when empty)
     * @param expires when the ban ends by itself; empty: when lifted
     */
    record BanChange(boolean banned, Optional<String> reason, Optional<Instant> expires) {
    }

    UserUpdate {
        // Not Map.copyOf: null clears a declared field.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Reads {@code data} for {@code target}.
     *
     * @param appFields the names of the fields the app declares ({@code user.fields}), the admin fields excluded
     * @throws AuthException {@code INVALID_REQUEST_BODY} naming the key, {@code INVALID_EMAIL},
     *                       {@code INVALID_ROLE_TYPE}, {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}
     */
    static UserUpdate read(Map<String, Object> data, User target, FeatureContext context, AdminSettings settings,
                           Set<String> appFields, Instant now) {
        Optional<String> name = Optional.empty();
        Optional<String> email = Optional.empty();
        Optional<Boolean> emailVerified = Optional.empty();
        Optional<Image> image = Optional.empty();
        Optional<String> role = Optional.empty();
        Map<String, Object> declared = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            switch (key) {
                case "name" -> name = Optional.of(context.checkedName(text(key, value)));
                case "email" -> email = Optional.of(context.checkedEmail(text(key, value)));
                case "emailVerified" -> emailVerified = Optional.of(bool(key, value));
                case "image" -> image = Optional.of(new Image(context.checkedImage(
                        value == null ? Optional.empty() : Optional.of(text(key, value)))));
                case AdminFields.ROLE -> role = Optional.of(AdminService.checkedRole(role(value)));
                case AdminFields.BANNED, AdminFields.BAN_REASON, AdminFields.BAN_EXPIRES -> {
                    // read together below
                }
                default -> {
                    if (!appFields.contains(key)) {
                        throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "data." + key
                                + " cannot be updated: update-user takes name, email, emailVerified, image, role,"
                                + " banned, banReason, banExpires and the app's declared user fields");
                    }
                    declared.put(key, value);
                }
            }
        }
        Map<String, Object> fields = declared.isEmpty() ? Map.of() : context.checkedFields(declared);
        if (email.isPresent() && !email.get().equals(target.getEmail())) {
            boolean taken = context.users().findCredentials(email.get())
                    .filter(c -> !c.user().getId().equals(target.getId())).isPresent();
            if (taken) {
                throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
            }
        }
        Optional<BanChange> ban = data.keySet().stream().anyMatch(BAN_KEYS::contains)
                ? Optional.of(ban(data, target, settings, now)) : Optional.empty();
        return new UserUpdate(name, email, emailVerified, image, role, ban, fields);
    }

    /**
     * {@code banned: true} bans (reason and end as given, else the defaults; {@code banExpires: null} until lifted);
     * {@code banned: false} lifts the ban (and takes no reason or end); {@code banReason} or {@code banExpires} alone
     * change the ban the user is under, and are refused for a user who is under none.
     */
    private static BanChange ban(Map<String, Object> data, User target, AdminSettings settings, Instant now) {
        Optional<String> reason = data.containsKey(AdminFields.BAN_REASON) && data.get(AdminFields.BAN_REASON) != null
                ? Optional.of(text(AdminFields.BAN_REASON, data.get(AdminFields.BAN_REASON))) : Optional.empty();
        boolean expiresGiven = data.containsKey(AdminFields.BAN_EXPIRES);
        Optional<Instant> expires = expiresGiven ? expiry(data.get(AdminFields.BAN_EXPIRES), now) : Optional.empty();
        AdminFields.Ban current = AdminFields.Ban.of(target);
        if (data.containsKey(AdminFields.BANNED)) {
            if (!bool(AdminFields.BANNED, data.get(AdminFields.BANNED))) {
                if (reason.isPresent() || expires.isPresent()) {
                    throw new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                            "banReason and banExpires go with banned: true; banned: false lifts the ban");
                }
                return new BanChange(false, Optional.empty(), Optional.empty());
            }
            return new BanChange(true, reason, expiresGiven ? expires
                    : settings.defaultBanExpiresIn().map(now::plus));
        }
        if (!current.holdsAt(now)) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                    "The user is not banned: give banned: true with banReason or banExpires");
        }
        return new BanChange(true, reason.or(current::reason), expiresGiven ? expires : current.expires());
    }

    /** A ban's end: an ISO-8601 timestamp or milliseconds since 1970 (a JavaScript date), in the future; or null. */
    private static Optional<Instant> expiry(Object value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        Instant end;
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            end = Instant.ofEpochMilli(Math.round(n.doubleValue()));
        } else if (value instanceof String s) {
            try {
                end = Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                        "data.banExpires must be an ISO-8601 date and time, such as 2030-01-31T12:00:00Z");
            }
        } else {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                    "data.banExpires must be an ISO-8601 date and time, or null for a ban until lifted");
        }
        if (!end.isAfter(now) || end.isAfter(now.plus(LONGEST_BAN))) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                    "data.banExpires must be in the future, at most 100 years ahead; null for a ban until lifted");
        }
        return Optional.of(end);
    }

    /** A role as Better Auth takes it: a string, or a list of strings joined with commas. */
    private static String role(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list) {
            List<String> roles = new ArrayList<>();
            for (Object element : list) {
                if (!(element instanceof String s)) {
                    throw new AuthException(ErrorCode.INVALID_ROLE_TYPE);
                }
                roles.add(s);
            }
            return String.join(",", roles);
        }
        throw new AuthException(ErrorCode.INVALID_ROLE_TYPE);
    }

    private static String text(String key, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "data." + key + " must be a string");
    }

    private static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "data." + key + " must be true or false");
    }
}
