package dev.sessionauth.engine;

import static dev.sessionauth.engine.Instants.min;

import dev.sessionauth.AuthException;
import dev.sessionauth.BrowserUpdate;
import dev.sessionauth.Caller;
import dev.sessionauth.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.PasswordChange;
import dev.sessionauth.PasswordChanged;
import dev.sessionauth.ProfileChange;
import dev.sessionauth.Resolution;
import dev.sessionauth.Session;
import dev.sessionauth.SignIn;
import dev.sessionauth.SignUp;
import dev.sessionauth.SignUpResult;
import dev.sessionauth.SignedIn;
import dev.sessionauth.User;
import dev.sessionauth.Writer;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.store.Credentials;
import dev.sessionauth.store.DuplicateEmailException;
import dev.sessionauth.store.NewSession;
import dev.sessionauth.store.SessionStore;
import dev.sessionauth.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts and how they sign in: sign-up with its input checks, sign-in by e-mail and password (a new session
 * every time, the one presented before revoked), and profile changes.
 */
final class Accounts {
    private static final Duration BROWSER_SESSION_ROW = Duration.ofDays(1);
    private static final Duration NO_CAP = Duration.ofDays(365L * 100);

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher passwords;
    private final TokenGenerator tokens;
    private final SessionEvents events;
    private final SessionResolver resolver;
    private final OwnSessions own;
    private final EmailVerification verification;
    private final AccountInput input;
    private final FieldValues userFields;
    private final FieldValues sessionFields;

    public Accounts(AuthConfig config, Clock clock, UserStore users, SessionStore sessions, PasswordHasher passwords,
                    TokenGenerator tokens, SessionEvents events, SessionResolver resolver, OwnSessions own,
                    EmailVerification verification) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.tokens = tokens;
        this.events = events;
        this.resolver = resolver;
        this.own = own;
        this.verification = verification;
        this.input = new AccountInput(config);
        this.userFields = new FieldValues(config.userFields());
        this.sessionFields = new FieldValues(config.sessionFields());
    }

    /**
     * Creates a user with a password and, unless {@code emailVerification.required}, signs them in. A session
     * the caller presents (an earlier sign-in in the same browser) is revoked.
     */
    public SignUpResult signUp(SignUp request, Caller caller) {
        String email = AccountInput.normalizeEmail(request.email());
        String name = AccountInput.checkName(request.name());
        Optional<String> image = AccountInput.checkImage(request.image());
        input.checkNewPassword(request.password());
        Map<String, Object> fields = userFields.forNewRow(request.fields(), caller.writer() == Writer.CLIENT);
        String hash = passwords.hash(request.password());
        Instant now = Instants.now(clock);
        User user = new User(tokens.newId(), name, email, false, image, now, now, fields);
        boolean signIn = !config.emailVerificationRequired();
        String token = tokens.newToken();
        Session session = newSession(user.getId(), request.rememberMe(), caller.client(), now);
        try {
            users.create(user, hash, signIn ? Optional.of(new NewSession(session, TokenHasher.hash(token)))
                    : Optional.empty());
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
        }
        own.revokeReplaced(caller.presented());
        if (config.sendVerificationOnSignUp()) {
            verification.send(user, caller.links(), Optional.empty());
        }
        if (!signIn) {
            return new SignUpResult(user, Optional.empty());
        }
        events.publish(l -> l.created(session, user));
        return new SignUpResult(user, Optional.of(signedIn(user, session, token)));
    }

    /**
     * Checks an e-mail and password and creates a new session (never reuses one). Unknown e-mail and wrong
     * password give the same answer after the same bcrypt work.
     */
    public SignedIn signIn(SignIn request, Caller caller) {
        String normalized = AccountInput.normalizeEmail(request.email());
        String password = request.password();
        Optional<Credentials> credentials = password.length() > config.passwordMaxLength() * 4
                ? Optional.empty()
                : users.findCredentials(normalized);
        boolean ok = credentials.isPresent()
                ? passwords.verify(password, credentials.get().passwordHash())
                : passwords.verifyNobody(password);
        if (!ok) {
            throw new AuthException(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
        }
        User user = credentials.get().user();
        if (config.emailVerificationRequired() && !user.isEmailVerified()) {
            verification.send(user, caller.links(), Optional.empty());
            throw new AuthException(ErrorCode.EMAIL_NOT_VERIFIED,
                    "Please verify your e-mail address first; we have sent you a new link");
        }
        Instant now = Instants.now(clock);
        String token = tokens.newToken();
        Session session = newSession(user.getId(), request.rememberMe(), caller.client(), now);
        sessions.create(new NewSession(session, TokenHasher.hash(token)));
        own.revokeReplaced(caller.presented());
        events.publish(l -> l.created(session, user));
        return signedIn(user, session, token);
    }

    /** A new session's outcome: the browser gets its token cookie and, under the jwt strategy, the cache. */
    private SignedIn signedIn(User user, Session session, String token) {
        return new SignedIn(user, session, token,
                BrowserUpdate.set(token, session, resolver.cacheFor(session, user, token)));
    }

    private Session newSession(String userId, boolean rememberMe, ClientInfo client, Instant now) {
        boolean remember = rememberMe && config.rememberMe();
        Duration cap = config.absoluteMaxAge().isZero() ? NO_CAP : config.absoluteMaxAge();
        Instant absolute = now.plus(cap);
        Instant expires = remember
                ? min(now.plus(config.maxAge()), absolute)
                : min(now.plus(min(BROWSER_SESSION_ROW, config.maxAge())), absolute);
        return new Session(tokens.newId(), userId, expires, remember ? absolute : expires, now, now,
                client.ipAddress(), client.userAgent(), remember, sessionFields.forNewRow(Map.of(), false));
    }

    /** Changes a user's name, image and additional fields ({@link Writer#CLIENT}: only {@code input} fields). */
    public User updateUser(String userId, ProfileChange change, Writer writer) {
        User current = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        String newName = change.name().map(AccountInput::checkName).orElse(current.getName());
        Optional<String> newImage = change.image().map(i -> AccountInput.checkImage(i.url())).orElse(current.image());
        Map<String, Object> changes = userFields.forUpdate(change.fields(), writer == Writer.CLIENT);
        return users.updateProfile(userId, newName, newImage, changes, Instants.now(clock))
                .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
    }

    /** {@link #updateUser(String, ProfileChange, Writer)} for the request's user; the browser's cache follows. */
    public Resolution updateUser(Resolution current, ProfileChange change, Writer writer) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User updated = updateUser(user.getId(), change, writer);
        return resolver.changed(current.session().orElseThrow(), updated, current.token().orElseThrow(), false);
    }

    /**
     * Changes the user's password after checking the current one. With {@code revokeOtherSessions} the caller gets a
     * new session first, then every other session of the user ends, the caller's old one too.
     */
    public PasswordChanged changePassword(Resolution current, PasswordChange change, ClientInfo client) {
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User user = current.user().orElseThrow();
        input.checkNewPassword(change.newPassword());
        checkPassword(user.getId(), change.currentPassword());
        Instant now = Instants.now(clock);
        if (!users.updatePassword(user.getId(), passwords.hash(change.newPassword()), now)) {
            throw new AuthException(ErrorCode.UNAUTHORIZED, "The account has no password to change");
        }
        events.publish(l -> l.passwordChanged(user));
        if (!change.revokeOtherSessions()) {
            return new PasswordChanged(user, Optional.empty());
        }
        String token = tokens.newToken();
        Session fresh = newSession(user.getId(), session.isRemember(), client, now);
        sessions.create(new NewSession(fresh, TokenHasher.hash(token)));
        events.publish(l -> l.created(fresh, user));
        own.revokeOthers(user.getId(), fresh.getId());
        return new PasswordChanged(user, Optional.of(signedIn(user, fresh, token)));
    }

    /** Checks the user's current password (bcrypt work either way); {@code INVALID_PASSWORD} when it is wrong. */
    void checkPassword(String userId, String password) {
        Optional<Credentials> credentials = password.length() > config.passwordMaxLength() * 4
                ? Optional.empty() : users.findCredentialsById(userId);
        boolean ok = credentials.isPresent()
                ? passwords.verify(password, credentials.get().passwordHash())
                : passwords.verifyNobody(password);
        if (!ok) {
            throw new AuthException(ErrorCode.INVALID_PASSWORD, "The current password is not correct");
        }
    }

    /** Whether clients may set this user field (at sign-up, through update-user). */
    public boolean isClientWritable(String name) {
        return userFields.isClientWritable(name);
    }
}
