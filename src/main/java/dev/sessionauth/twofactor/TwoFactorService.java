package dev.sessionauth.twofactor;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.crypto.SecretBox;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.FactorLocks;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.SessionIssuer;
import dev.sessionauth.engine.SignedIn;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Two-factor sign-in's rules, whichever door a request comes through (the {@code /two-factor/*} endpoints, the Java
 * API): enrolling an authenticator app, confirming it with a first code, the second step of a pending sign-in,
 * backup codes, disabling, and forgetting what stands in for a sign-in when the owner takes the account back.
 *
 * <p>Codes: a TOTP code is accepted once (the step it matched is recorded with a conditional write, so neither a
 * replay within its 90-second window nor two racing requests get in twice); a backup code is spent with a
 * compare-and-set of the stored hashes. Wrong codes count per pending sign-in (the sixth try is refused, even with
 * the right code, and ends it) and per user (ten in a row lock the user's codes for 15 minutes, across sign-ins and
 * factors, in the engine's attempt store). A signed-in user checking a code again meets the user's lock too.
 */
final class TwoFactorService {
    /** The methods a second step offers: Better Auth's name for authenticator codes (backup codes go with it). */
    static final String TOTP = "totp";
    /** The user field that mirrors whether two-factor is on: Better Auth's. */
    static final String ENABLED_FIELD = "twoFactorEnabled";
    /** Wrong codes count towards the user's lock for this long from the first of them. */
    static final Duration FAILURE_WINDOW = Duration.ofDays(1);
    // Attempts at a compare-and-set that another request keeps winning (backup codes spent at the same moment).
    private static final int CAS_TRIES = 3;

    private final FeatureContext context;
    private final TwoFactorSettings settings;
    private final TwoFactorStore store;
    private final Clock clock;
    private final SecretBox box;
    private final SecureRandom random;
    private final BackupCodes backupCodes;
    private final Totp totp;
    private final FactorLocks locks;
    private final PendingSignIns pending;
    private final TrustedDevices trusted;

    TwoFactorService(FeatureContext context, TwoFactorSettings settings, TwoFactorStore store) {
        this.context = context;
        this.settings = settings;
        this.store = store;
        this.clock = context.clock();
        this.random = new SecureRandom();
        this.box = new SecretBox(context.secrets(), TotpSecret.ENCRYPTION_PURPOSE, random);
        this.backupCodes = new BackupCodes(random);
        this.totp = new Totp(clock);
        this.locks = context.throttles().factorLocks("two-factor", TwoFactorAttempts.LOCKOUT_MAX_FAILED_ATTEMPTS,
                FAILURE_WINDOW, TwoFactorAttempts.LOCKOUT_DURATION);
        this.pending = new PendingSignIns(store, context.signer(), context.tokens(), clock, settings.pendingMaxAge());
        this.trusted = new TrustedDevices(store, context.signer(), context.tokens(), clock,
                settings.trustDeviceMaxAge());
    }

    PendingSignIns pending() {
        return pending;
    }

    TrustedDevices trusted() {
        return trusted;
    }

    TwoFactorSettings settings() {
        return settings;
    }

    /** Whether {@code userId} has two-factor on: an enrolment confirmed by a first code. */
    boolean isEnabled(String userId) {
        return store.find(userId).filter(TwoFactorStore.Enrolment::verified).isPresent();
    }

    // ---- enrolment

    /**
     * Starts enrolling an authenticator app for the signed-in user: a new key and ten backup codes, replacing an
     * enrolment not yet confirmed. Two-factor turns on with the first code ({@link #verify}).
     *
     * @param issuer the name the app shows, else {@code twoFactor.issuer}, else the app's host
     * @throws AuthException {@code INVALID_PASSWORD} (or {@code SESSION_NOT_FRESH} for a user without a password),
     *                       {@code TOTP_ALREADY_ENABLED}, {@code INVALID_REQUEST_BODY} for an unusable issuer
     */
    TotpEnrolment enable(Resolution current, Optional<String> password, Optional<String> issuer, Caller caller) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        Optional<String> asked = issuer.map(String::trim).filter(s -> !s.isEmpty()).map(TwoFactorService::checkIssuer);
        prove(user, password, current.session().orElseThrow(), caller);
        if (isEnabled(user.getId())) {
            throw new AuthException(ErrorCode.TOTP_ALREADY_ENABLED, "Two-factor sign-in is on already; turn it off"
                    + " first to set up another authenticator app");
        }
        TotpSecret secret = TotpSecret.generate(random);
        BackupCodes.Issued codes = backupCodes.generate(user.getId());
        String name = asked.or(settings::issuer).orElseGet(() -> defaultIssuer(caller));
        TwoFactorStore.Enrolment enrolment = new TwoFactorStore.Enrolment(user.getId(),
                box.encrypt(secret.bytes(), user.getId()), name, codes.stored().toColumn(), false,
                TwoFactorStore.NO_STEP);
        if (!store.enrol(enrolment, clock.instant())) {
            throw new AuthException(ErrorCode.TOTP_ALREADY_ENABLED);
        }
        return new TotpEnrolment(OtpAuthUri.totp(name, user.getEmail(), secret), secret.base32(), codes.codes());
    }

    /**
     * The enrolment URI again (confirmed or not), with the issuer it was enrolled under.
     *
     * @throws AuthException {@code TOTP_NOT_ENABLED}, {@code INVALID_PASSWORD}
     */
    String totpUri(Resolution current, Optional<String> password, Caller caller) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        TwoFactorStore.Enrolment enrolment = store.find(user.getId())
                .orElseThrow(() -> new AuthException(ErrorCode.TOTP_NOT_ENABLED));
        prove(user, password, current.session().orElseThrow(), caller);
        return OtpAuthUri.totp(enrolment.issuer(), user.getEmail(), secretOf(enrolment));
    }

    /**
     * Ten new backup codes in place of the old ones, shown once.
     *
     * @throws AuthException {@code TWO_FACTOR_NOT_ENABLED}, {@code INVALID_PASSWORD}
     */
    java.util.List<String> generateBackupCodes(Resolution current, Optional<String> password, Caller caller) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        if (!isEnabled(user.getId())) {
            throw new AuthException(ErrorCode.TWO_FACTOR_NOT_ENABLED);
        }
        prove(user, password, current.session().orElseThrow(), caller);
        BackupCodes.Issued codes = backupCodes.generate(user.getId());
        for (int i = 0; i < CAS_TRIES; i++) {
            TwoFactorStore.Enrolment e = store.find(user.getId())
                    .orElseThrow(() -> new AuthException(ErrorCode.TWO_FACTOR_NOT_ENABLED));
            if (store.replaceBackupCodes(user.getId(), e.backupCodes(), codes.stored().toColumn(), clock.instant())) {
                return codes.codes();
            }
        }
        throw new AuthException(ErrorCode.SERVICE_UNAVAILABLE, "The backup codes changed meanwhile; please try again");
    }

    /**
     * Turns two-factor off for the signed-in user: the key, the backup codes, the pending sign-ins and every trusted
     * device go, and the caller gets a new session (its cookie in the answer's browser update, which also expires
     * this browser's trusted-device cookie). Turning it off when it is off changes nothing but the session.
     *
     * @throws AuthException {@code INVALID_PASSWORD} (or {@code SESSION_NOT_FRESH} for a user without a password)
     */
    SignedIn disable(Resolution current, Optional<String> password, Caller caller) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        Session session = current.session().orElseThrow();
        prove(user, password, session, caller);
        User updated = disable(user.getId()).orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        SignedIn in = context.issuer().issue(updated, new SessionIssuer.Terms(session.isRemember(), Optional.empty(),
                SignInMethods.keeping(session)), caller);
        return new SignedIn(in.user(), in.session(), in.token(), in.browser().with(TrustedDevices.clear()));
    }

    /** Turns two-factor off for {@code userId} (the app's own administration: a lost phone); the user afterwards. */
    Optional<User> disable(String userId) {
        store.delete(userId);
        store.deletePending(userId);
        trusted.forget(userId);
        locks.reset(userId);
        return context.users().updateFields(userId, Map.of(ENABLED_FIELD, false), clock.instant());
    }

    /** The owner took the account back: trusted devices and sign-ins waiting for a code of theirs end. */
    void forgetStandIns(String userId) {
        trusted.forget(userId);
        store.deletePending(userId);
    }

    // ---- the second step

    /** Which kind of code a second step gives. */
    enum Factor {
        /** A code from the authenticator app. */
        TOTP(ErrorCode.INVALID_CODE, ErrorCode.TOTP_NOT_ENABLED),
        /** One of the backup codes. */
        BACKUP_CODE(ErrorCode.INVALID_BACKUP_CODE, ErrorCode.BACKUP_CODES_NOT_ENABLED);

        final ErrorCode wrong;
        final ErrorCode missing;

        Factor(ErrorCode wrong, ErrorCode missing) {
            this.wrong = wrong;
            this.missing = missing;
        }
    }

    /**
     * How a second step ended: signed in (a new session, or the current one for a signed-in user checking a code
     * again), or refused; either way with what the browser must be told (a refusal may end the pending sign-in and
     * expire its cookie).
     */
    sealed interface Verification {
        BrowserUpdate browser();

        /** The code held. */
        record Passed(SignedIn signedIn) implements Verification {
            @Override
            public BrowserUpdate browser() {
                return signedIn.browser();
            }
        }

        /** It did not: {@code refusal} is the answer, after the browser is told {@code browser}. */
        record Refused(AuthException refusal, BrowserUpdate browser) implements Verification {
        }
    }

    /**
     * Checks a code. With a live session ({@code current}) it is the signed-in user's: the first TOTP code confirms
     * an enrolment (two-factor turns on and the session is replaced), later ones only check. Without one, it is the
     * code of the pending sign-in this browser's cookie names, and a code that holds signs the user in.
     */
    Verification verify(Factor factor, String code, DeviceTrust trust, Optional<Resolution> current, Caller caller) {
        if (current.isPresent()) {
            return verifySignedIn(factor, code, current.get(), caller);
        }
        return verifyPending(factor, code, trust, caller);
    }

    private Verification verifyPending(Factor factor, String code, DeviceTrust trust, Caller caller) {
        Optional<PendingSignIns.Found> found = pending.find(caller.presented());
        BrowserUpdate clearPending = BrowserUpdate.features(PendingSignIns.clear());
        if (found.isEmpty()) {
            return refused(ErrorCode.INVALID_TWO_FACTOR_COOKIE, PendingSignIns.presents(caller.presented())
                    ? clearPending : BrowserUpdate.KEEP);
        }
        TwoFactorStore.Pending waiting = found.get().pending();
        Optional<User> user = context.users().findById(waiting.userId());
        if (user.isEmpty()) {
            pending.consume(found.get());
            return refused(ErrorCode.INVALID_TWO_FACTOR_COOKIE, clearPending);
        }
        Optional<TwoFactorStore.Enrolment> enrolment = store.find(waiting.userId())
                .filter(TwoFactorStore.Enrolment::verified);
        if (enrolment.isEmpty()) {
            return refused(factor.missing, BrowserUpdate.KEEP);
        }
        Optional<AuthException> locked = lockOf(waiting.userId());
        if (locked.isPresent()) {
            return new Verification.Refused(locked.get(), BrowserUpdate.KEEP);
        }
        // The try is counted before its code is looked at, so a burst of tries cannot outrun the count.
        if (!pending.spendAttempt(found.get())) {
            pending.consume(found.get());
            return refused(waiting.attempts() >= TwoFactorAttempts.ALLOWED_ATTEMPTS_PER_CHALLENGE
                    ? ErrorCode.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE : ErrorCode.INVALID_TWO_FACTOR_COOKIE, clearPending);
        }
        if (!check(factor, code, enrolment.get())) {
            locks.recordFailure(waiting.userId());
            return refused(factor.wrong, BrowserUpdate.KEEP);
        }
        locks.clear(waiting.userId());
        if (!pending.consume(found.get())) {
            // Another request with this cookie got there first: it has the session.
            return refused(ErrorCode.INVALID_TWO_FACTOR_COOKIE, clearPending);
        }
        SignedIn in = context.issuer().issue(user.get(), new SessionIssuer.Terms(waiting.rememberMe(),
                Optional.empty(), SignInMethods.of(waiting.method(), SignInMethods.CODE)), caller);
        BrowserUpdate browser = in.browser().with(PendingSignIns.clear());
        if (trust == DeviceTrust.TRUST_THIS_DEVICE) {
            browser = browser.with(trusted.trust(waiting.userId()));
        }
        return new Verification.Passed(new SignedIn(in.user(), in.session(), in.token(), browser));
    }

    private Verification verifySignedIn(Factor factor, String code, Resolution current, Caller caller) {
        User user = current.user().orElseThrow();
        Session session = current.session().orElseThrow();
        Optional<TwoFactorStore.Enrolment> enrolment = store.find(user.getId());
        if (enrolment.isEmpty()) {
            return refused(factor.missing, BrowserUpdate.KEEP);
        }
        Optional<AuthException> locked = lockOf(user.getId());
        if (locked.isPresent()) {
            return new Verification.Refused(locked.get(), BrowserUpdate.KEEP);
        }
        if (!check(factor, code, enrolment.get())) {
            locks.recordFailure(user.getId());
            return refused(factor.wrong, BrowserUpdate.KEEP);
        }
        locks.clear(user.getId());
        if (factor == Factor.TOTP && !enrolment.get().verified()) {
            // The first code from the app: two-factor is on, and the session that set it up is replaced.
            User updated = context.users().updateFields(user.getId(), Map.of(ENABLED_FIELD, true), clock.instant())
                    .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
            return new Verification.Passed(context.issuer().issue(updated, new SessionIssuer.Terms(
                    session.isRemember(), Optional.empty(), SignInMethods.adding(session, SignInMethods.CODE)), caller));
        }
        return new Verification.Passed(new SignedIn(user, session, current.token().orElseThrow(), BrowserUpdate.KEEP));
    }

    /** Whether {@code code} holds for the enrolment, spending it if so (a TOTP step, a backup code). */
    private boolean check(Factor factor, String code, TwoFactorStore.Enrolment enrolment) {
        return factor == Factor.TOTP ? checkTotp(code, enrolment) : spendBackupCode(code, enrolment);
    }

    private boolean checkTotp(String code, TwoFactorStore.Enrolment e) {
        Optional<TotpStep> step = totp.verify(secretOf(e), code, new TotpStep(e.lastStep()));
        // The conditional write is what makes a code single-use: a replay, or a racing request, finds it recorded.
        return step.isPresent() && store.acceptStep(e.userId(), e.secret(), step.get().counter(), clock.instant());
    }

    private boolean spendBackupCode(String code, TwoFactorStore.Enrolment first) {
        TwoFactorStore.Enrolment e = first;
        for (int i = 0; i < CAS_TRIES; i++) {
            Optional<StoredBackupCodes> rest = StoredBackupCodes.fromColumn(e.userId(), e.backupCodes()).use(code);
            if (rest.isEmpty()) {
                return false;
            }
            if (store.replaceBackupCodes(e.userId(), e.backupCodes(), rest.get().toColumn(), clock.instant())) {
                return true;
            }
            // Another code was spent meanwhile: look again (this one may have been it).
            Optional<TwoFactorStore.Enrolment> again = store.find(e.userId());
            if (again.isEmpty()) {
                return false;
            }
            e = again.get();
        }
        return false;
    }

    private Optional<AuthException> lockOf(String userId) {
        return locks.lockedFor(userId).map(wait -> AuthException.retryAfter(ErrorCode.ACCOUNT_TEMPORARILY_LOCKED,
                ErrorCode.ACCOUNT_TEMPORARILY_LOCKED.defaultMessage(), wait));
    }

    private static Verification refused(ErrorCode code, BrowserUpdate browser) {
        return new Verification.Refused(new AuthException(code), browser);
    }

    private TotpSecret secretOf(TwoFactorStore.Enrolment e) {
        return TotpSecret.of(box.decrypt(e.secret(), e.userId()));
    }

    /**
     * The user proves it is them before changing their second factor: their password, or for a user who has none
     * (signed in through a provider) a sign-in younger than {@code session.freshAge}.
     */
    private void prove(User user, Optional<String> password, Session session, Caller caller) {
        if (context.users().findCredentialsById(user.getId()).isPresent()) {
            context.checkPassword(user, password.orElseThrow(() -> new AuthException(ErrorCode.INVALID_PASSWORD,
                    "Enter your password to change two-factor sign-in")), caller);
        } else if (!session.isFreshAt(clock.instant(), context.config().freshAge())) {
            throw new AuthException(ErrorCode.SESSION_NOT_FRESH, "Please sign in again to change two-factor sign-in");
        }
    }

    private static String checkIssuer(String issuer) {
        if (issuer.length() > TwoFactorSettings.MAX_ISSUER || issuer.indexOf(':') >= 0
                || issuer.chars().anyMatch(Character::isISOControl)) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "issuer must be a name of at most "
                    + TwoFactorSettings.MAX_ISSUER + " characters without ':'");
        }
        return issuer;
    }

    /** The host the app is known by: {@code baseURL}'s, else the one the request reached. */
    private String defaultIssuer(Caller caller) {
        Optional<String> origin = context.config().baseUrl().or(() -> caller.links().map(l -> l.origin()));
        return origin.map(o -> {
            try {
                return URI.create(o).getHost();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).filter(h -> h != null && !h.isEmpty()).orElse("SessionAuth");
    }
}
