package dev.sessionauth.twofactor;

import dev.sessionauth.User;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.engine.SignInOutcome;
import java.util.List;
import java.util.Optional;

/**
 * The second step after every first factor but a passkey (itself two factors): a password, a provider
 * ({@code social:<id>}) and any way in still to come. A user with two-factor on gets no session yet, only a pending
 * sign-in bound to this browser, unless the browser presents a trusted device of that same user, whose cookie then
 * moves to a new value. A session the browser presented ends either way, as at any sign-in.
 *
 * <p>Whether two-factor is on is read from the enrolment table at every sign-in, not from the user's
 * {@code twoFactorEnabled} field: one indexed read beside bcrypt's work, and no way around the step should the two
 * ever disagree.
 */
final class TwoFactorGate implements SignInGate {
    private final TwoFactorService service;
    private final FeatureContext context;

    TwoFactorGate(TwoFactorService service, FeatureContext context) {
        this.service = service;
        this.context = context;
    }

    @Override
    public Optional<SignInOutcome.SecondStep> check(User user, String method, boolean rememberMe, Caller caller) {
        return judge(user, method, rememberMe, caller).step();
    }

    @Override
    public Verdict judge(User user, String method, boolean rememberMe, Caller caller) {
        if (PASSKEY.equals(method) || !service.isEnabled(user.getId())) {
            return Verdict.through(BrowserUpdate.KEEP, SignInMethods.of(method, ""));
        }
        TrustedDevices devices = service.trusted();
        boolean presented = caller.presented().featureCookie(TrustedDevices.COOKIE).isPresent();
        Optional<TrustedDeviceToken> device = devices.presented(caller.presented());
        // Another user's trusted device (a shared browser) stays as it is: it is still good for them.
        boolean othersDevice = device.filter(d -> !d.isFor(user.getId())).isPresent();
        if (device.filter(d -> d.isFor(user.getId())).isPresent()) {
            Optional<BrowserUpdate.FeatureCookie> next = devices.use(device.get());
            if (next.isPresent()) {
                return Verdict.through(BrowserUpdate.features(next.get()),
                        SignInMethods.of(method, SignInMethods.DEVICE));
            }
        }
        context.sessions().signOut(caller.presented());
        BrowserUpdate browser = BrowserUpdate.CLEAR.with(service.pending().start(user.getId(), method, rememberMe));
        if (presented && !othersDevice) {
            // Forged, used up, expired or forgotten: the browser may as well drop it.
            browser = browser.with(TrustedDevices.clear());
        }
        return Verdict.secondStep(new SignInOutcome.SecondStep(List.of(TwoFactorService.TOTP), browser,
                service.settings().page()));
    }
}
