package dev.sessionauth.admin;

import dev.sessionauth.AdminAction;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.Session;
import dev.sessionauth.SessionListener;
import dev.sessionauth.SignInResult;
import dev.sessionauth.User;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.SessionIssuer;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.engine.Writer;
import dev.sessionauth.twofactor.TwoFactor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin tools acting for one {@link Actor}: the who-may rules and every action, shared by the HTTP endpoints
 * and the Java API. For an admin: a fresh session, not made by impersonation, of a user in {@code admin.roles} or
 * {@code admin.userIds} (read from the store for this call); another admin is no target (ban, impersonate, remove,
 * role, password, sessions, two-factor) unless {@code admin.allowAdminTargets}. The app's own code (an operator) is under no
 * rule. Every change is audited ({@code SessionListener.adminAction}, and the log).
 */
final class AdminService implements Admin {
    private static final System.Logger LOG = System.getLogger(AdminService.class.getName());
    private static final int MAX_ROLE = 1024;

    private final AdminPart part;
    private final FeatureContext context;
    private final Actor actor;

    AdminService(AdminPart part, Actor actor) {
        this.part = part;
        this.context = part.context();
        this.actor = actor;
    }

    // ---- the rules

    /**
     * Lets the actor use the tools, or refuses: {@code denied} for a user who is not an admin. An impersonation is
     * refused first (its user is not the admin), a stale sign-in last (re-signing in fixes it).
     */
    void permit(ErrorCode denied) {
        if (actor.isOperator()) {
            return;
        }
        Actor.Signed signed = actor.session().orElseThrow();
        if (AdminFields.impersonatedBy(signed.session()).isPresent()) {
            throw new AuthException(ErrorCode.NOT_ALLOWED_WHILE_IMPERSONATING,
                    "The admin tools are not available while impersonating a user; stop impersonating first");
        }
        if (!part.isAdmin(signed.user())) {
            throw new AuthException(denied);
        }
        if (!signed.session().isFreshAt(now(), context.config().freshAge())) {
            throw new AuthException(ErrorCode.SESSION_NOT_FRESH, "The admin tools need a recent sign-in; sign in again");
        }
    }

    private User target(String userId) {
        return context.users().findById(userId).orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
    }

    private boolean isSelf(User target) {
        return actor.userId().filter(target.getId()::equals).isPresent();
    }

    /** Refuses {@code target} with {@code refusal} if it is another admin and admins are not targets. */
    private void mayChange(User target, ErrorCode refusal) {
        if (actor.isOperator() || isSelf(target) || part.settings().allowAdminTargets()) {
            return;
        }
        if (part.isAdmin(target)) {
            throw new AuthException(refusal);
        }
    }

    private Instant now() {
        return context.clock().instant();
    }

    private void audit(AdminAction.Kind kind, String targetUserId, Map<String, String> details) {
        AdminAction action = new AdminAction(actor.userId(), actor.session().map(s -> s.session().getId()),
                targetUserId, kind, now(), details);
        LOG.log(System.Logger.Level.INFO, () -> "admin action " + kind + " on user " + targetUserId + " by "
                + action.actorId().map(id -> "user " + id).orElse("the app") + (details.isEmpty() ? "" : " " + details));
        context.events().publish(l -> l.adminAction(action));
    }

    // ---- reading

    @Override
    public Admin actingAs(HttpServletRequest request) {
        return part.actingAs(request);
    }

    @Override
    public boolean isAdmin(User user) {
        return part.isAdmin(user);
    }

    @Override
    public boolean isBanned(User user) {
        return AdminFields.Ban.of(user).holdsAt(now());
    }

    @Override
    public Optional<User> getUser(String userId) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_GET_USER);
        return context.users().findById(userId);
    }

    @Override
    public UserPage listUsers(UserQuery query) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS);
        return part.listing().page(query, now());
    }

    @Override
    public List<Session> listUserSessions(String userId) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS);
        return context.sessions().list(target(userId).getId());
    }

    // ---- changing

    @Override
    public User createUser(NewUser user) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS);
        String role = user.role().map(AdminService::checkedRole).orElse(part.settings().defaultRole());
        for (String name : user.fields().keySet()) {
            if (name.equals(AdminFields.BANNED) || name.equals(AdminFields.BAN_REASON)
                    || name.equals(AdminFields.BAN_EXPIRES) || name.equals(AdminFields.ROLE)) {
                throw new AuthException(ErrorCode.FIELD_NOT_ALLOWED, name + " is not allowed to be set here; "
                        + (name.equals(AdminFields.ROLE) ? "give the role" : "ban the user") + " instead");
            }
        }
        Map<String, Object> fields = new HashMap<>(user.fields());
        fields.put(AdminFields.ROLE, role);
        User created = context.createUser(new FeatureContext.NewAccount(user.email(), user.name(), user.password(),
                user.image(), user.emailVerified(), fields), actor.caller().client());
        audit(AdminAction.Kind.CREATE_USER, created.getId(), Map.of("role", role));
        return created;
    }

    @Override
    public User setRole(String userId, String role) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE);
        String checked = checkedRole(role);
        User target = target(userId);
        mayChange(target, ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        String previous = target.get(AdminFields.ROLE, String.class).orElse("");
        User changed = update(target, Map.of(AdminFields.ROLE, checked));
        audit(AdminAction.Kind.SET_ROLE, target.getId(), Map.of("role", checked, "previousRole", previous));
        return changed;
    }

    /**
     * One role or a comma-separated list of them, each trimmed and none empty (as {@code isUserInRole} reads them).
     *
     * @throws AuthException {@code INVALID_REQUEST_BODY} when it names none or is too long
     */
    static String checkedRole(String role) {
        List<String> roles = java.util.Arrays.stream(role.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .toList();
        String joined = String.join(",", roles);
        if (roles.isEmpty() || joined.length() > MAX_ROLE) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "role must name one role or several, separated by"
                    + " commas, in at most " + MAX_ROLE + " characters");
        }
        return joined;
    }

    private User update(User target, Map<String, Object> fields) {
        return context.users().updateFields(target.getId(), fields, now())
                .orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
    }

    /**
     * Better Auth's update-user: changes the keys of {@code data} in the user, every one checked before anything is
     * written. The user afterwards.
     */
    @Override
    public User updateUser(String userId, Map<String, Object> data) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS);
        if (data.isEmpty()) {
            throw new AuthException(ErrorCode.NO_DATA_TO_UPDATE);
        }
        if (data.containsKey("password")) {
            throw new AuthException(ErrorCode.PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER);
        }
        if (data.containsKey("id")) {
            throw new AuthException(ErrorCode.USER_ID_CANNOT_BE_UPDATED);
        }
        User target = target(userId);
        // Changing another admin's address would let the admin reset their password: the same rule as a ban or role.
        mayChange(target, ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        Instant now = now();
        UserUpdate update = UserUpdate.read(data, target, context, part.settings(),
                context.config().appUserFieldNames(), now);
        String previousRole = target.get(AdminFields.ROLE, String.class).orElse("");
        Optional<AdminFields.Ban> ban = update.ban()
                .map(b -> b.banned() ? checkedBan(target, b.reason(), b.expires()) : AdminFields.Ban.NONE)
                // Lifting a ban the row does not hold changes nothing.
                .filter(b -> b.banned() || AdminFields.Ban.of(target).banned());

        User changed = target;
        if (update.email().isPresent() || update.emailVerified().isPresent()) {
            String email = update.email().orElse(target.getEmail());
            boolean verified = update.emailVerified().orElse(email.equals(target.getEmail())
                    && target.isEmailVerified());
            if (!email.equals(target.getEmail()) || verified != target.isEmailVerified()) {
                changed = context.setEmail(target.getId(), email, verified);
            }
        }
        Map<String, Object> fields = new HashMap<>(update.fields());
        update.role().ifPresent(r -> fields.put(AdminFields.ROLE, r));
        ban.ifPresent(b -> fields.putAll(b.fields()));
        if (!fields.isEmpty() || update.name().isPresent() || update.image().isPresent()) {
            User current = changed;
            changed = context.users().updateProfile(target.getId(), update.name().orElse(current.getName()),
                    update.image().map(UserUpdate.Image::url).orElse(Optional.ofNullable(current.getImage())), fields,
                    now)
                    .orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
        }

        audit(AdminAction.Kind.UPDATE_USER, target.getId(), Map.of("fields", String.join(",", data.keySet())));
        if (update.role().isPresent() && !update.role().get().equals(previousRole)) {
            audit(AdminAction.Kind.SET_ROLE, target.getId(), Map.of("role", update.role().get(),
                    "previousRole", previousRole));
        }
        if (ban.isPresent()) {
            if (ban.get().banned()) {
                bansTakeHold(target, ban.get());
            } else {
                audit(AdminAction.Kind.UNBAN, target.getId(), Map.of());
            }
        }
        return changed;
    }

    @Override
    public User ban(String userId, String reason) {
        return ban(userId, Optional.ofNullable(reason), part.settings().defaultBanExpiresIn());
    }

    @Override
    public User ban(String userId, String reason, Duration expiresIn) {
        if (expiresIn.isNegative() || expiresIn.isZero()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "banExpiresIn must be a positive number of seconds");
        }
        return ban(userId, Optional.ofNullable(reason), Optional.of(expiresIn));
    }

    /** Bans the user (a ban of one's own or, unless allowed, another admin's is refused); every session ends. */
    User ban(String userId, Optional<String> reason, Optional<Duration> expiresIn) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS);
        User target = target(userId);
        AdminFields.Ban ban = checkedBan(target, reason, expiresIn.map(now()::plus));
        User banned = update(target, ban.fields());
        bansTakeHold(target, ban);
        return banned;
    }

    /**
     * A ban of {@code target}, checked before anything is written: not one's own, not another admin's unless allowed,
     * the reason (or the default) at most 1024 characters.
     */
    private AdminFields.Ban checkedBan(User target, Optional<String> reason, Optional<Instant> expires) {
        if (isSelf(target)) {
            throw new AuthException(ErrorCode.YOU_CANNOT_BAN_YOURSELF);
        }
        mayChange(target, ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        String why = reason.map(String::trim).filter(r -> !r.isEmpty()).orElse(part.settings().defaultBanReason());
        if (why.length() > 1024) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "banReason is longer than 1024 characters");
        }
        return new AdminFields.Ban(true, Optional.of(why), expires);
    }

    /** What follows a ban that was just written: every session of the user ends, and the ban is audited. */
    private void bansTakeHold(User target, AdminFields.Ban ban) {
        // Every session ends on every instance: the rows go, and the revocation log tells the caches.
        int ended = context.sessions().endAll(target.getId(), SessionListener.RevocationReason.ADMIN);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("banReason", ban.reason().orElse(""));
        ban.expires().ifPresent(e -> details.put("banExpires", AdminFields.timestamp(e)));
        details.put("sessionsEnded", Integer.toString(ended));
        audit(AdminAction.Kind.BAN, target.getId(), details);
    }

    @Override
    public User unban(String userId) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS);
        User target = target(userId);
        User unbanned = update(target, AdminFields.Ban.NONE.fields());
        audit(AdminAction.Kind.UNBAN, target.getId(), Map.of());
        return unbanned;
    }

    @Override
    public boolean revokeUserSession(String userId, String sessionId) {
        return revokeSession(Optional.of(userId), sessionId);
    }

    /**
     * Ends one session: of the named user only, or (Better Auth's client names only the handle) of whoever holds it.
     * Whether it ended.
     */
    boolean revokeSession(Optional<String> userId, String sessionId) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS);
        Optional<String> owner = userId.isPresent() ? Optional.of(target(userId.get()).getId())
                : part.listing().ownerOfSession(sessionId);
        if (owner.isEmpty() || sessionId.isEmpty()) {
            return false;
        }
        Optional<User> holder = context.users().findById(owner.get());
        if (holder.isEmpty()) {
            return false;
        }
        mayChange(holder.get(), ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        boolean ended = context.sessions().end(owner.get(), sessionId, SessionListener.RevocationReason.ADMIN);
        if (ended) {
            audit(AdminAction.Kind.REVOKE_SESSION, owner.get(), Map.of("sessionId", sessionId));
        }
        return ended;
    }

    @Override
    public int revokeUserSessions(String userId) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS);
        User target = target(userId);
        mayChange(target, ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        int ended = context.sessions().endAll(target.getId(), SessionListener.RevocationReason.ADMIN);
        audit(AdminAction.Kind.REVOKE_SESSIONS, target.getId(), Map.of("count", Integer.toString(ended)));
        return ended;
    }

    @Override
    public void setUserPassword(String userId, String newPassword) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD);
        User target = target(userId);
        mayChange(target, ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        if (!context.setPassword(target.getId(), newPassword, actor.caller().client())) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                    "This user has no password to set: they sign in another way");
        }
        // Whoever knew the old password (or holds a session) is out: the user signs in with the new one.
        int ended = context.sessions().endAll(target.getId(), SessionListener.RevocationReason.ADMIN);
        audit(AdminAction.Kind.SET_PASSWORD, target.getId(), Map.of("sessionsEnded", Integer.toString(ended)));
    }

    @Override
    public void disableTwoFactor(String userId) {
        TwoFactor twoFactor = part.twoFactor().orElseThrow(() -> new IllegalStateException(
                "two-factor sign-in is off, so there is none to reset: set twoFactor.enabled=true"));
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS);
        User target = target(userId);
        mayChange(target, ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        if (!twoFactor.isEnabled(target.getId())) {
            throw new AuthException(ErrorCode.TWO_FACTOR_NOT_ENABLED);
        }
        twoFactor.disable(target.getId());
        audit(AdminAction.Kind.DISABLE_TWO_FACTOR, target.getId(), Map.of());
    }

    @Override
    public boolean removeUser(String userId) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS);
        if (actor.userId().filter(userId::equals).isPresent()) {
            throw new AuthException(ErrorCode.YOU_CANNOT_REMOVE_YOURSELF);
        }
        User target = target(userId);
        mayChange(target, ErrorCode.YOU_CANNOT_CHANGE_ADMINS);
        context.deleteUser(target);
        audit(AdminAction.Kind.REMOVE_USER, target.getId(), Map.of("email", target.getEmail()));
        return true;
    }

    // ---- impersonation

    /** A session made by impersonation, and what the browser must be told. */
    record Impersonated(SignedIn signedIn, BrowserUpdate browser) {
    }

    /**
     * Makes a session as {@code userId} for the acting admin, whose own session stays: at most
     * {@code admin.impersonationMaxAge}, never past the admin's own, never refreshed (a browser session), carrying
     * {@code impersonatedBy}; the admin's token goes into the sealed {@link AdminCookie}.
     */
    Impersonated impersonate(String userId) {
        permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS);
        Actor.Signed admin = actor.session().orElseThrow(() -> new IllegalStateException(
                "impersonation acts as the admin of a request: use Admin.impersonate(request, response, userId)"));
        if (actor.isBearer()) {
            throw new AuthException(ErrorCode.IMPERSONATION_NEEDS_COOKIE);
        }
        User target = target(userId);
        if (isSelf(target)) {
            throw new AuthException(ErrorCode.YOU_CANNOT_IMPERSONATE_ADMINS, "You cannot impersonate yourself");
        }
        if (!part.settings().allowAdminTargets() && part.isAdmin(target)) {
            throw new AuthException(ErrorCode.YOU_CANNOT_IMPERSONATE_ADMINS);
        }
        Instant now = now();
        Instant endsBy = now.plus(part.settings().impersonationMaxAge());
        if (admin.session().getExpiresAt().isBefore(endsBy)) {
            endsBy = admin.session().getExpiresAt();
        }
        Caller caller = actor.caller();
        // Presenting nothing keeps the admin's own session: it is what stop-impersonating goes back to.
        Caller keepOwn = new Caller(caller.client(), Presented.none(), caller.links(), Writer.APP);
        SignedIn in = context.issuer().issue(target, new SessionIssuer.Terms(false, Optional.of(endsBy),
                Map.of(AdminFields.IMPERSONATED_BY, admin.user().getId())), keepOwn);
        Session session = in.session();
        BrowserUpdate browser = in.browser().with(BrowserUpdate.FeatureCookie.set(AdminCookie.NAME,
                part.cookie().seal(admin.token(), session.getId()), Duration.between(now, session.getExpiresAt())));
        audit(AdminAction.Kind.IMPERSONATE, target.getId(), Map.of("sessionId", session.getId(),
                "expiresAt", AdminFields.timestamp(session.getExpiresAt())));
        return new Impersonated(in, browser);
    }

    @Override
    public SignInResult.SignedIn impersonate(HttpServletRequest request, HttpServletResponse response, String userId) {
        return part.impersonate(request, response, userId);
    }

    @Override
    public SignInResult.SignedIn stopImpersonating(HttpServletRequest request, HttpServletResponse response) {
        return part.stopImpersonating(request, response);
    }
}
