package dev.sessionauth.admin;

import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.Durations;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin tools' settings, read and checked once at start. Names are Better Auth's admin options where it has them
 * ({@code adminRoles} → {@code admin.roles}, {@code adminUserIds} → {@code admin.userIds},
 * {@code impersonationSessionDuration} → {@code admin.impersonationMaxAge}, ...).
 *
 * @param roles             roles whose holders may use the admin tools
 * @param userIds           users who may use them whatever their role (the first admin, before any role is set)
 * @param allowAdminTargets whether an admin may ban, impersonate, remove, demote or set the password of another admin
 * @param defaultRole       the role of a user nobody gave one
 * @param impersonationMaxAge how long an impersonation lasts at most (never past the admin's own session)
 * @param defaultBanReason  the reason of a ban given without one
 * @param defaultBanExpiresIn how long a ban given without an end lasts; empty: until lifted
 * @param bannedUserMessage what a banned user is told on every way in
 */
record AdminSettings(Set<String> roles, Set<String> userIds, boolean allowAdminTargets, String defaultRole,
                     Duration impersonationMaxAge, String defaultBanReason, Optional<Duration> defaultBanExpiresIn,
                     String bannedUserMessage) {
    static final String ENABLED = "admin.enabled";
    static final String ROLES = "admin.roles";
    static final String USER_IDS = "admin.userIds";
    static final String ALLOW_ADMIN_TARGETS = "admin.allowAdminTargets";
    static final String DEFAULT_ROLE = "admin.defaultRole";
    static final String IMPERSONATION_MAX_AGE = "admin.impersonationMaxAge";
    static final String DEFAULT_BAN_REASON = "admin.defaultBanReason";
    static final String DEFAULT_BAN_EXPIRES_IN = "admin.defaultBanExpiresIn";
    static final String BANNED_USER_MESSAGE = "admin.bannedUserMessage";

    static final SettingNames NAMES = SettingNames.of(ENABLED, ROLES, USER_IDS, ALLOW_ADMIN_TARGETS, DEFAULT_ROLE,
            IMPERSONATION_MAX_AGE, DEFAULT_BAN_REASON, DEFAULT_BAN_EXPIRES_IN, BANNED_USER_MESSAGE);

    /** Better Auth's {@code bannedUserMessage} default, word for word (not its error code's shorter text). */
    static final String BANNED_MESSAGE = "You have been banned from this application. Please contact support if you"
            + " believe this is an error.";
    private static final int MAX_ROLE = 1024;

    AdminSettings {
        roles = Set.copyOf(roles);
        userIds = Set.copyOf(userIds);
    }

    /** Whether {@code admin.enabled} is set. */
    static boolean enabled(SettingReader r) {
        return r.bool(ENABLED, false);
    }

    /** The role new users get (also the field's default). */
    static String defaultRole(SettingReader r) {
        String role = r.value(DEFAULT_ROLE, "user", String::trim);
        if (role.isEmpty() || role.contains(",") || role.length() > MAX_ROLE) {
            throw r.bad(DEFAULT_ROLE, role, "must be one role name, such as user");
        }
        return role;
    }

    /**
     * Reads and checks the settings.
     *
     * @throws ConfigException a setting is wrong, naming it and the fix
     */
    static AdminSettings read(SettingReader r) {
        List<String> roles = r.list(ROLES);
        if (roles.isEmpty()) {
            roles = List.of("admin");
        }
        String defaultRole = defaultRole(r);
        if (roles.contains(defaultRole)) {
            throw new ConfigException(DEFAULT_ROLE + " (" + defaultRole + r.origin(DEFAULT_ROLE) + ") is one of "
                    + ROLES + " " + roles + ", which would make every new user an admin; choose another default role"
                    + " or other admin roles");
        }
        Duration impersonation = r.positiveDuration(IMPERSONATION_MAX_AGE, "1h");
        if (impersonation.compareTo(Duration.ofDays(1)) > 0) {
            throw r.bad(IMPERSONATION_MAX_AGE, Durations.format(impersonation),
                    "is too long for a session an admin holds as someone else; use at most 1d");
        }
        Optional<Duration> banExpiresIn = r.optional(DEFAULT_BAN_EXPIRES_IN, v -> v)
                .map(v -> r.positiveDuration(DEFAULT_BAN_EXPIRES_IN, v));
        String reason = r.value(DEFAULT_BAN_REASON, "No reason", String::trim);
        String message = r.value(BANNED_USER_MESSAGE, BANNED_MESSAGE, String::trim);
        if (message.isEmpty()) {
            throw r.bad(BANNED_USER_MESSAGE, message, "must say something to the banned user");
        }
        return new AdminSettings(Set.copyOf(roles), Set.copyOf(r.list(USER_IDS)), r.bool(ALLOW_ADMIN_TARGETS, false),
                defaultRole, impersonation, reason.isEmpty() ? "No reason" : reason, banExpiresIn, message);
    }
}
