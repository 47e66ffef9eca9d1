package dev.sessionauth.twofactor;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SignInResult;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.Engine;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.engine.PathGuard;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SessionTransport;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiRoutes;
import dev.sessionauth.web.Endpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two-factor sign-in, started: its gate after the first factor, its two cookies (the pending sign-in, the trusted
 * device), its {@code /two-factor/*} endpoints and the app's {@link TwoFactor} Java API, all over one
 * {@link TwoFactorService}.
 */
final class TwoFactorPart implements FeaturePart, ApiRoutes, TwoFactor {
    private final TwoFactorService service;
    private final TwoFactorGate gate;

    TwoFactorPart(TwoFactorService service, TwoFactorGate gate) {
        this.service = service;
        this.gate = gate;
    }

    @Override
    public Optional<SignInGate> gate() {
        return Optional.of(gate);
    }

    @Override
    public Set<String> cookies() {
        return Set.of(PendingSignIns.COOKIE, TrustedDevices.COOKIE);
    }

    @Override
    public List<PathGuard> pathGuards() {
        TwoFactorSettings settings = service.settings();
        return settings.required().isEmpty() ? List.of()
                : List.of(new PathGuard(TwoFactorSettings.REQUIRED, settings.required(), User::isTwoFactorEnabled,
                        ErrorCode.TWO_FACTOR_REQUIRED, settings.enrolPage()));
    }

    @Override
    public void accountTakenBack(String userId) {
        service.forgetStandIns(userId);
    }

    @Override
    public Map<String, Endpoint> endpoints(ApiExchange api) {
        return new TwoFactorEndpoints(api, service).endpoints();
    }

    // ---- the Java API, for the request's browser

    @Override
    public TotpEnrolment enable(HttpServletRequest request, String password) {
        return service.enable(current(request), given(password), Optional.empty(), caller(request));
    }

    @Override
    public String totpUri(HttpServletRequest request, String password) {
        return service.totpUri(current(request), given(password), caller(request));
    }

    @Override
    public SignInResult verifyTotp(HttpServletRequest request, HttpServletResponse response, String code,
                                   DeviceTrust trust) {
        return verify(request, response, TwoFactorService.Factor.TOTP, code, trust);
    }

    @Override
    public SignInResult verifyBackupCode(HttpServletRequest request, HttpServletResponse response, String code,
                                         DeviceTrust trust) {
        return verify(request, response, TwoFactorService.Factor.BACKUP_CODE, code, trust);
    }

    @Override
    public List<String> generateBackupCodes(HttpServletRequest request, String password) {
        return service.generateBackupCodes(current(request), given(password), caller(request));
    }

    @Override
    public void disable(HttpServletRequest request, HttpServletResponse response, String password) {
        SignedIn in = service.disable(current(request), given(password), caller(request));
        SessionTransport.of(request).apply(request, response, in.browser());
    }

    @Override
    public boolean isWaitingForCode(HttpServletRequest request) {
        return service.pending().find(SessionTransport.of(request).presented(request)).isPresent();
    }

    @Override
    public boolean isEnabled(HttpServletRequest request) {
        return SessionAuth.of(request).getUser(request).map(u -> service.isEnabled(u.getId())).orElse(false);
    }

    @Override
    public boolean isEnabled(String userId) {
        return service.isEnabled(userId);
    }

    @Override
    public void disable(String userId) {
        service.disable(userId);
    }

    private SignInResult verify(HttpServletRequest request, HttpServletResponse response,
                                TwoFactorService.Factor factor, String code, DeviceTrust trust) {
        SessionTransport transport = SessionTransport.of(request);
        Resolution r = engine(request).resolve(transport.presented(request),
                ResolveMode.STORE.withoutRefresh().requireOneSession());
        if (r.status() == Resolution.Status.CONFLICT) {
            throw new AuthException(r.failure());
        }
        TwoFactorService.Verification done = service.verify(factor, code, trust,
                r.isValid() ? Optional.of(r) : Optional.empty(), transport.caller(request));
        transport.apply(request, response, done.browser());
        if (done instanceof TwoFactorService.Verification.Refused refused) {
            throw refused.refusal();
        }
        SignedIn in = ((TwoFactorService.Verification.Passed) done).signedIn();
        return new SignInResult.SignedIn(in.user(), in.session());
    }

    /** The request's live session as the store has it now, or the 401 that fits why there is none. */
    private static Resolution current(HttpServletRequest request) {
        Resolution r = engine(request).resolve(SessionTransport.of(request).presented(request),
                ResolveMode.STORE.withoutRefresh().requireOneSession());
        if (!r.isValid()) {
            throw new AuthException(r.failure());
        }
        return r;
    }

    private static Engine engine(HttpServletRequest request) {
        return Engine.of(SessionAuth.of(request));
    }

    private static Caller caller(HttpServletRequest request) {
        return SessionTransport.of(request).caller(request).asApp();
    }

    /** A password as the Java API takes it: empty (or null from a form that lacks the field) is none. */
    private static Optional<String> given(String password) {
        return Optional.ofNullable(password).filter(p -> !p.isEmpty());
    }
}
