package dev.sessionauth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the admin tools' audit trail, as {@link SessionListener#adminAction} hears it: who acted, on whom,
 * what they did and when, with the details that matter for that action (the new role, the ban's reason and end).
 *
 * @param actorId      the admin's user id; empty when the app's own code acted (an operator, through the Java API)
 * @param actorSession the admin's session id, when an admin acted through a session
 * @param targetUserId the user acted on
 * @param kind         what was done
 * @param at           when
 * @param details      what else the action carries, by name ({@code role}, {@code banReason}, {@code banExpires},
 *                     {@code sessionId}); never a password or a token
 */
public record AdminAction(Optional<String> actorId, Optional<String> actorSession, String targetUserId, Kind kind,
                          Instant at, Map<String, String> details) {
    /** What an admin did. */
    public enum Kind {
        /** Created a user ({@code role}). */
        CREATE_USER,
        /** Changed a user's role ({@code role}, {@code previousRole}). */
        SET_ROLE,
        /** Banned a user, which ended every session of theirs ({@code banReason}, {@code banExpires} if any). */
        BAN,
        /** Lifted a ban. */
        UNBAN,
        /** Ended one session of a user ({@code sessionId}). */
        REVOKE_SESSION,
        /** Ended every session of a user ({@code count}). */
        REVOKE_SESSIONS,
        /** Set a new password for a user, which ended every session of theirs. */
        SET_PASSWORD,
        /** Deleted a user with everything of theirs. */
        REMOVE_USER,
        /** Began a session as the user ({@code sessionId}: the impersonation's, {@code expiresAt}). */
        IMPERSONATE,
        /** Ended an impersonation and went back to their own session ({@code sessionId}: the impersonation's). */
        STOP_IMPERSONATING,
        /** Turned off a user's two-factor sign-in: key, backup codes, trusted devices and waiting sign-ins gone. */
        DISABLE_TWO_FACTOR,
        /**
         * Changed a user's account fields through update-user ({@code fields}: the names, comma-separated); a role or
         * ban changed with them is heard as {@link #SET_ROLE}, {@link #BAN} or {@link #UNBAN} as well.
         */
        UPDATE_USER
    }

    public AdminAction {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorSession, "actorSession");
        Objects.requireNonNull(targetUserId, "targetUserId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        details = Map.copyOf(details);
    }
}
