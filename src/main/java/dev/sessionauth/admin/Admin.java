package dev.sessionauth.admin;

import dev.sessionauth.Session;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SignInResult;
import dev.sessionauth.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin tools' Java API: {@code Admin.of(auth).setRole(userId, "admin")}. The instance {@link #of} returns
 * acts for the app's own code (an operator: no who-may rules, audited without an actor); {@link #actingAs} gives the
 * same calls acting as the admin signed in on a request, under the rules the HTTP API applies (a fresh, not
 * impersonated session of a user in {@code admin.roles} or {@code admin.userIds}; no other admin as target unless
 * {@code admin.allowAdminTargets}). Every change reaches {@code SessionListener.adminAction}. Failures are
 * {@link dev.sessionauth.AuthException}s with Better Auth's admin codes ({@code USER_NOT_FOUND},
 * {@code YOU_CANNOT_BAN_YOURSELF}, ...); a malformed {@link UserQuery} is an {@link IllegalArgumentException}.
 */
public interface Admin {
    /**
     * The admin tools of {@code auth}.
     *
     * @throws IllegalStateException when {@code admin.enabled} is not set
     */
    static Admin of(SessionAuth auth) {
        return auth.feature(Admin.class).orElseThrow(() -> new IllegalStateException(
                "the admin tools are off: set admin.enabled=true"));
    }

    /** The same tools acting as the admin signed in on {@code request}, under the who-may rules. */
    Admin actingAs(HttpServletRequest request);

    /** Whether the user may use the admin tools: a role in {@code admin.roles}, or an id in {@code admin.userIds}. */
    boolean isAdmin(User user);

    /** Whether the user is banned now (a ban past its end no longer counts). */
    boolean isBanned(User user);

    /** The user with this id. */
    Optional<User> getUser(String userId);

    /** One page of the users {@code query} matches. */
    UserPage listUsers(UserQuery query);

    /** Creates a user (no session is made). */
    User createUser(NewUser user);

    /** Sets the user's role (one role, or a comma-separated list); the user afterwards. */
    User setRole(String userId, String role);

    /**
     * Better Auth's update-user: changes the keys of {@code data} in the user, all checked before anything is written.
     * Keys: {@code name}, {@code email} (checked as at sign-up; the address is unverified afterwards unless
     * {@code emailVerified} says otherwise, and every link mailed to the old one stops working), {@code emailVerified},
     * {@code image} (a URL or {@code null}), {@code role} (a string or a list of strings, as {@link #setRole}),
     * {@code banned} ({@code true} bans as {@link #ban} does, ending every session; {@code false} lifts it),
     * {@code banReason}, {@code banExpires} (an ISO-8601 {@code String}, an {@code Instant}'s epoch milliseconds, or
     * {@code null} for a ban until lifted), and the app's declared user fields ({@code user.fields}). The user
     * afterwards.
     *
     * @throws dev.sessionauth.AuthException {@code NO_DATA_TO_UPDATE},
     *                                       {@code PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER},
     *                                       {@code USER_ID_CANNOT_BE_UPDATED}, {@code INVALID_REQUEST_BODY} naming a
     *                                       key it does not take, {@code INVALID_EMAIL},
     *                                       {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}, {@code USER_NOT_FOUND},
     *                                       {@code YOU_CANNOT_BAN_YOURSELF} and the who-may refusals
     */
    User updateUser(String userId, Map<String, Object> data);

    /** Bans the user until lifted ({@code admin.defaultBanExpiresIn}, if set); every session of theirs ends. */
    User ban(String userId, String reason);

    /** Bans the user for {@code expiresIn}; every session of theirs ends. */
    User ban(String userId, String reason, Duration expiresIn);

    /** Lifts the user's ban. */
    User unban(String userId);

    /** The user's live sessions, newest first; each session's id is a handle, never a credential. */
    List<Session> listUserSessions(String userId);

    /** Ends one session of the user by its id; whether it ended. */
    boolean revokeUserSession(String userId, String sessionId);

    /** Ends every session of the user; how many. */
    int revokeUserSessions(String userId);

    /** Sets the user's password (against the password policy); every session of theirs ends. */
    void setUserPassword(String userId, String newPassword);

    /**
     * Turns the user's two-factor sign-in off, for a user who lost both the authenticator and the backup codes (check
     * who asks out of band first): as {@code TwoFactor.disable(userId)}, the key, the backup codes, the trusted devices
     * and any sign-in waiting for a code go; the user's sessions stay. They sign in with the password alone and may
     * enrol again.
     *
     * @throws dev.sessionauth.AuthException {@code USER_NOT_FOUND}, {@code TWO_FACTOR_NOT_ENABLED} when the user has
     *                                       not turned it on, and the who-may refusals
     *                                       ({@code YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS}, {@code YOU_CANNOT_CHANGE_ADMINS})
     * @throws IllegalStateException         when two-factor sign-in is off ({@code twoFactor.enabled})
     */
    void disableTwoFactor(String userId);

    /** Deletes the user with everything of theirs, as deleting the account does; whether there was one. */
    boolean removeUser(String userId);

    /**
     * Signs the request's browser in as {@code userId} for at most {@code admin.impersonationMaxAge} (never past the
     * admin's own session, which stays, kept in an encrypted cookie for {@link #stopImpersonating}); the new session
     * carries {@code impersonatedBy}. Always acts as the request's admin, under the rules.
     */
    SignInResult.SignedIn impersonate(HttpServletRequest request, HttpServletResponse response, String userId);

    /** Ends the request's impersonation and signs the browser back in with the admin's own session. */
    SignInResult.SignedIn stopImpersonating(HttpServletRequest request, HttpServletResponse response);
}
