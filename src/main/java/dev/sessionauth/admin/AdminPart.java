package dev.sessionauth.admin;

import dev.sessionauth.AdminAction;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.Session;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionListener;
import dev.sessionauth.SignInResult;
import dev.sessionauth.User;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.Engine;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SensitiveAction;
import dev.sessionauth.engine.SessionTransport;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.twofactor.TwoFactor;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiRoutes;
import dev.sessionauth.web.Endpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The started admin tools: the ban gate, the {@link AdminCookie}, the refusal of sensitive actions to impersonated
 * sessions, the endpoints under {@code /admin/}, and the Java API found by {@code auth.feature(Admin.class)} (the
 * operator's calls, which {@link AdminService} runs for the app's own code).
 */
final class AdminPart implements FeaturePart, ApiRoutes, Admin {
    /** The admin's session as stop-impersonating reads it: the store, no refresh, a fresh cache for the browser. */
    private static final ResolveMode ADMIN_SESSION = new ResolveMode(false, false, true, true, false);

    private final FeatureContext context;
    private final AdminSettings settings;
    private final UserListing listing;
    private final BanGate gate;
    private final AdminCookie cookie;
    private final AdminService operator;

    AdminPart(FeatureContext context, AdminSettings settings, UserListing listing) {
        this.context = context;
        this.settings = settings;
        this.listing = listing;
        this.gate = new BanGate(context.users(), context.clock(), settings.bannedUserMessage());
        this.cookie = new AdminCookie(context.secrets());
        this.operator = new AdminService(this, Actor.operator());
    }

    FeatureContext context() {
        return context;
    }

    AdminSettings settings() {
        return settings;
    }

    UserListing listing() {
        return listing;
    }

    AdminCookie cookie() {
        return cookie;
    }

    /**
     * Two-factor sign-in, when it is on: found among the started features when asked (it may start after this part),
     * so the admin tools neither need it nor start it.
     */
    Optional<TwoFactor> twoFactor() {
        return context.feature(TwoFactor.class);
    }

    // ---- the extension point

    @Override
    public Optional<SignInGate> gate() {
        return Optional.of(gate);
    }

    @Override
    public Set<String> cookies() {
        return Set.of(AdminCookie.NAME);
    }

    /** A session made by impersonation cannot change the password or the address, or delete the account. */
    @Override
    public void checkSensitive(Session session, SensitiveAction action) {
        if (AdminFields.impersonatedBy(session).isPresent()) {
            throw new AuthException(ErrorCode.NOT_ALLOWED_WHILE_IMPERSONATING);
        }
    }

    @Override
    public Map<String, Endpoint> endpoints(ApiExchange api) {
        return new AdminEndpoints(this, api).endpoints();
    }

    // ---- the rules every caller shares

    @Override
    public boolean isAdmin(User user) {
        return settings.userIds().contains(user.getId())
                || AdminFields.roles(user).stream().anyMatch(settings.roles()::contains);
    }

    /** The tools acting for the request's signed-in user, read from the store now. */
    AdminService acting(Resolution resolved, Caller caller) {
        return new AdminService(this, Actor.of(resolved, caller));
    }

    @Override
    public Admin actingAs(HttpServletRequest request) {
        SessionTransport transport = SessionTransport.of(request);
        return acting(current(request, transport), transport.caller(request));
    }

    /** The request's live session from the store (no refresh: no response to tell), or the fitting 401. */
    private static Resolution current(HttpServletRequest request, SessionTransport transport) {
        Resolution r = Engine.of(SessionAuth.of(request)).resolve(transport.presented(request),
                ResolveMode.STORE.withoutRefresh().requireOneSession());
        if (!r.isValid()) {
            throw new AuthException(r.failure());
        }
        return r;
    }

    @Override
    public SignInResult.SignedIn impersonate(HttpServletRequest request, HttpServletResponse response, String userId) {
        SessionTransport transport = SessionTransport.of(request);
        AdminService.Impersonated done = acting(current(request, transport), transport.caller(request))
                .impersonate(userId);
        transport.apply(request, response, done.browser());
        return new SignInResult.SignedIn(done.signedIn().user(), done.signedIn().session());
    }

    @Override
    public SignInResult.SignedIn stopImpersonating(HttpServletRequest request, HttpServletResponse response) {
        SessionTransport transport = SessionTransport.of(request);
        SignedIn back = stop(Engine.of(SessionAuth.of(request)), current(request, transport),
                transport.caller(request), update -> transport.apply(request, response, update));
        return new SignInResult.SignedIn(back.user(), back.session());
    }

    /**
     * Ends the impersonation {@code current} is and signs the browser back in with the admin's own session, read
     * from the sealed cookie (it must still be live and the impersonating admin's). When it is not, the
     * impersonation ends all the same and the browser is signed out: 401.
     *
     * @param apply tells the browser (the HTTP answer's cookies, or the Java API's response)
     */
    SignedIn stop(Engine engine, Resolution current, Caller caller, Consumer<BrowserUpdate> apply) {
        Session impersonation = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        String adminId = AdminFields.impersonatedBy(impersonation)
                .orElseThrow(() -> new AuthException(ErrorCode.NOT_IMPERSONATING));
        Optional<String> adminToken = caller.presented().featureCookie(AdminCookie.NAME)
                .flatMap(value -> cookie.open(value, impersonation.getId()));
        Optional<Resolution> admin = adminToken
                .map(token -> engine.resolve(Presented.bearer(token), ADMIN_SESSION))
                .filter(r -> r.isValid() && r.session().orElseThrow().getUserId().equals(adminId)
                        && r.user().isPresent());
        context.sessions().end(impersonation.getUserId(), impersonation.getId(), SessionListener.RevocationReason.ADMIN);
        if (admin.isEmpty()) {
            apply.accept(BrowserUpdate.CLEAR.with(BrowserUpdate.FeatureCookie.clear(AdminCookie.NAME)));
            throw new AuthException(ErrorCode.UNAUTHORIZED, "The admin's own session has ended; sign in again");
        }
        Resolution own = admin.get();
        Session session = own.session().orElseThrow();
        User user = own.user().orElseThrow();
        String token = adminToken.orElseThrow();
        apply.accept(BrowserUpdate.set(token, session, own.browser().cache())
                .with(BrowserUpdate.FeatureCookie.clear(AdminCookie.NAME)));
        AdminAction action = new AdminAction(Optional.of(adminId), Optional.of(session.getId()),
                impersonation.getUserId(), AdminAction.Kind.STOP_IMPERSONATING, context.clock().instant(),
                Map.of("sessionId", impersonation.getId()));
        context.events().publish(l -> l.adminAction(action));
        return new SignedIn(user, session, token, BrowserUpdate.KEEP);
    }

    // ---- the operator's calls

    @Override
    public boolean isBanned(User user) {
        return operator.isBanned(user);
    }

    @Override
    public Optional<User> getUser(String userId) {
        return operator.getUser(userId);
    }

    @Override
    public UserPage listUsers(UserQuery query) {
        return operator.listUsers(query);
    }

    @Override
    public User createUser(NewUser user) {
        return operator.createUser(user);
    }

    @Override
    public User setRole(String userId, String role) {
        return operator.setRole(userId, role);
    }

    @Override
    public User updateUser(String userId, Map<String, Object> data) {
        return operator.updateUser(userId, data);
    }

    @Override
    public User ban(String userId, String reason) {
        return operator.ban(userId, reason);
    }

    @Override
    public User ban(String userId, String reason, Duration expiresIn) {
        return operator.ban(userId, reason, expiresIn);
    }

    @Override
    public User unban(String userId) {
        return operator.unban(userId);
    }

    @Override
    public List<Session> listUserSessions(String userId) {
        return operator.listUserSessions(userId);
    }

    @Override
    public boolean revokeUserSession(String userId, String sessionId) {
        return operator.revokeUserSession(userId, sessionId);
    }

    @Override
    public int revokeUserSessions(String userId) {
        return operator.revokeUserSessions(userId);
    }

    @Override
    public void setUserPassword(String userId, String newPassword) {
        operator.setUserPassword(userId, newPassword);
    }

    @Override
    public void disableTwoFactor(String userId) {
        operator.disableTwoFactor(userId);
    }

    @Override
    public boolean removeUser(String userId) {
        return operator.removeUser(userId);
    }
}
