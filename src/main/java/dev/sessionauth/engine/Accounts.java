package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.engine.PasswordChange;
import dev.sessionauth.engine.PasswordChanged;
import dev.sessionauth.ProfileChange;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.Session;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedUp;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.User;
import dev.sessionauth.engine.Writer;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.NoSuchUserException;
import dev.sessionauth.spi.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts and how they sign in with a password: sign-up with its input checks, sign-in by e-mail and password,
 * changing the password, and profile changes. Sessions come from the {@link SessionIssuer}; every password check and
 * hash goes through the {@link Throttles}, whichever door the call came in by.
 */
final class Accounts {
    private static final String LOCKED = "Too many failed sign-ins for this account";
    private static final String LOCKED_PASSWORD = "Too many wrong passwords for this account";

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final PasswordHasher passwords;
    private final TokenGenerator tokens;
    private final SessionEvents events;
    private final SessionResolver resolver;
    private final SessionIssuer issuer;
    private final OwnSessions own;
    private final EmailVerification verification;
    private final Throttles throttles;
    private final Outbox outbox;
    private final PendingLinks links;
    private final AccountInput input;
    private final FieldValues userFields;
    private final SensitiveActions sensitive;

    Accounts(AuthConfig config, Clock clock, UserStore users, PasswordHasher passwords, TokenGenerator tokens,
             SessionEvents events, SessionResolver resolver, SessionIssuer issuer, OwnSessions own,
             EmailVerification verification, Throttles throttles, Outbox outbox, PendingLinks links,
             SensitiveActions sensitive) {
        this.sensitive = sensitive;
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.events = events;
        this.resolver = resolver;
        this.issuer = issuer;
        this.own = own;
        this.verification = verification;
        this.throttles = throttles;
        this.outbox = outbox;
        this.links = links;
        this.input = new AccountInput(config);
        this.userFields = new FieldValues(config.userFields());
    }

    /**
     * Creates a user with a password and, unless {@code emailVerification.required}, signs them in (a session the
     * caller presents is ended). Where the address must be verified first, a taken address gets the same answer as
     * a new one, after the same work (the password is hashed either way), and its owner is told by mail instead:
     * the answer must not tell anyone which addresses have accounts.
     */
    SignedUp signUp(SignUp request, Caller caller) {
        String email = AccountInput.normalizeEmail(request.email());
        String name = AccountInput.checkName(request.name());
        Optional<String> image = AccountInput.checkImage(request.image());
        input.checkNewPassword(request.password());
        Map<String, Object> fields = userFields.forNewRow(request.fields(), caller.writer() == Writer.CLIENT);
        throttles.strict(AddressLimits.Action.SIGN_UP, caller.client());
        String hash = throttles.hashing(email, caller.client(), () -> passwords.hash(request.password()));
        Instant now = Instants.now(clock);
        User user = new User(tokens.newId(), name, email, false, image, now, now, fields);
        boolean signIn = !config.emailVerificationRequired();
        Optional<SessionIssuer.Prepared> session = signIn
                ? Optional.of(issuer.prepare(user.getId(), request.rememberMe(), caller.client()))
                : Optional.empty();
        try {
            users.create(user, hash, session.map(SessionIssuer.Prepared::row));
        } catch (DuplicateEmailException e) {
            if (signIn) {
                throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
            }
            users.findCredentials(email).map(Credentials::user).ifPresent(owner ->
                    outbox.post(new Mail(Mail.Kind.ACCOUNT_EXISTS, owner.getEmail(), owner, "")));
            return new SignedUp(user, Optional.empty());
        }
        if (config.sendVerificationOnSignUp()) {
            verification.send(user, caller.links(), Optional.empty());
        }
        if (session.isEmpty()) {
            // Whoever was signed in in this browser is not any more: the browser now belongs to the new account.
            own.revokeReplaced(caller.presented());
        }
        return new SignedUp(user, session.map(p -> issuer.issued(user, p, caller.presented())));
    }

    /**
     * Checks an e-mail and password and signs the user in through the gates: a new session (never a reused one), or
     * the second step a gate asks for. Unknown e-mail and wrong
     * password give the same answer after the same bcrypt work; a user deleted while signing in is an unknown one.
     */
    SignInOutcome signIn(SignIn request, Caller caller) {
        User user = throttles.passwordCheck(request.email(), caller.client(), ErrorCode.INVALID_EMAIL_OR_PASSWORD,
                LOCKED, () -> checkSignIn(request));
        if (config.emailVerificationRequired() && !user.isEmailVerified()) {
            verification.send(user, caller.links(), Optional.empty());
            throw new AuthException(ErrorCode.EMAIL_NOT_VERIFIED,
                    "Please verify your e-mail address first; we have sent you a new link");
        }
        try {
            return issuer.signIn(user, SignInGate.PASSWORD, request.rememberMe(), caller);
        } catch (NoSuchUserException e) {
            throw new AuthException(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
        }
    }

    private User checkSignIn(SignIn request) {
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
        return credentials.get().user();
    }

    /** Changes a user's name, image and additional fields ({@link Writer#CLIENT}: only {@code input} fields). */
    User updateUser(String userId, ProfileChange change, Writer writer) {
        User current = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        String newName = change.name().map(AccountInput::checkName).orElse(current.getName());
        Optional<String> newImage = change.image().map(i -> AccountInput.checkImage(i.url())).orElse(Optional.ofNullable(current.getImage()));
        Map<String, Object> changes = userFields.forUpdate(change.fields(), writer == Writer.CLIENT);
        return users.updateProfile(userId, newName, newImage, changes, Instants.now(clock))
                .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
    }

    /** {@link #updateUser(String, ProfileChange, Writer)} for the request's user; the browser's cache follows. */
    Resolution updateUser(Resolution current, ProfileChange change, Writer writer) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User updated = updateUser(user.getId(), change, writer);
        return resolver.changed(current.session().orElseThrow(), updated, current.token().orElseThrow(), false);
    }

    /**
     * Changes the user's password after checking the current one. With {@code revokeOtherSessions} the caller gets a
     * new session first, then every other session of the user ends, the caller's old one too, and so do the links
     * mailed to act on the account.
     */
    PasswordChanged changePassword(Resolution given, PasswordChange change, Caller caller) {
        Resolution current = resolver.fromStore(given);
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User user = current.user().orElseThrow();
        sensitive.check(session, SensitiveAction.CHANGE_PASSWORD);
        input.checkNewPassword(change.newPassword());
        String hash = throttles.passwordCheck(user.getEmail(), caller.client(), ErrorCode.INVALID_PASSWORD,
                LOCKED_PASSWORD, () -> {
                    checkPassword(user.getId(), change.currentPassword());
                    return passwords.hash(change.newPassword());
                });
        if (!users.updatePassword(user.getId(), hash, Instants.now(clock))) {
            throw new AuthException(ErrorCode.UNAUTHORIZED, "The account has no password to change");
        }
        events.publish(l -> l.passwordChanged(user));
        if (!change.revokeOtherSessions()) {
            links.forgetStandIns(user.getId());
            return new PasswordChanged(user, Optional.empty());
        }
        // The same sign-in under a new token: how it was made (amr) and its other fields go with it.
        Map<String, Object> carried = new java.util.HashMap<>(session.getFields());
        carried.values().removeIf(java.util.Objects::isNull);
        SignedIn fresh = issuer.issue(user, new SessionIssuer.Terms(session.isRemember(), Optional.empty(), carried),
                caller.client(), Presented.none());
        own.revokeOthers(user.getId(), fresh.session().getId());
        links.forgetActing(user.getId());
        return new PasswordChanged(user, Optional.of(fresh));
    }

    /**
     * Checks the user's current password through the throttles (locked accounts refused, failures counted);
     * {@code INVALID_PASSWORD} when it is wrong.
     */
    void checkPasswordThrottled(User user, String password, Caller caller) {
        throttles.passwordCheck(user.getEmail(), caller.client(), ErrorCode.INVALID_PASSWORD, LOCKED_PASSWORD, () -> {
            checkPassword(user.getId(), password);
            return Boolean.TRUE;
        });
    }

    /** Checks the user's current password (bcrypt work either way); {@code INVALID_PASSWORD} when it is wrong. */
    private void checkPassword(String userId, String password) {
        Optional<Credentials> credentials = password.length() > config.passwordMaxLength() * 4
                ? Optional.empty() : users.findCredentialsById(userId);
        boolean ok = credentials.isPresent()
                ? passwords.verify(password, credentials.get().passwordHash())
                : passwords.verifyNobody(password);
        if (!ok) {
            throw new AuthException(ErrorCode.INVALID_PASSWORD, "The current password is not correct");
        }
    }

    /**
     * Creates a user with a password and no session, as the app (or an admin) does for someone else: the address,
     * name and password are checked as a sign-up's are and the password hashed in the hashing queue; every declared
     * field may be set. The user as stored.
     *
     * @throws AuthException {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}, {@code INVALID_EMAIL},
     *                       {@code PASSWORD_TOO_SHORT}/{@code _LONG}/{@code _WEAK}, {@code INVALID_REQUEST_BODY}
     */
    User createUser(FeatureContext.NewAccount account, ClientInfo client) {
        String email = AccountInput.normalizeEmail(account.email());
        String name = AccountInput.checkName(account.name());
        Optional<String> image = AccountInput.checkImage(account.image());
        input.checkNewPassword(account.password());
        Map<String, Object> fields = userFields.forNewRow(account.fields(), false);
        String hash = throttles.hashing(email, client, () -> passwords.hash(account.password()));
        Instant now = Instants.now(clock);
        User user = new User(tokens.newId(), name, email, account.emailVerified(), image, now, now, fields);
        try {
            users.create(user, hash, Optional.empty());
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
        }
        return users.findById(user.getId()).orElse(user);
    }

    /**
     * Sets a user's password without the current one (the app, an admin): checked as a sign-up's is, hashed in the
     * hashing queue. Whether the user has a password credential to set.
     */
    boolean setPassword(String userId, String newPassword, ClientInfo client) {
        input.checkNewPassword(newPassword);
        String hash = throttles.hashing("", client, () -> passwords.hash(newPassword));
        return users.updatePassword(userId, hash, Instants.now(clock));
    }

    /**
     * The declared fields an app (or an admin) sets on an existing user, each checked for its type and size as a
     * new row's are; a required field cannot be cleared.
     *
     * @throws AuthException {@code INVALID_REQUEST_BODY} naming the field
     */
    Map<String, Object> checkedFieldUpdate(Map<String, Object> fields) {
        return userFields.forUpdate(fields, false);
    }

    /**
     * Gives the user {@code email} (already normalised), verified or not, as someone else does it (an admin, the
     * app): every unopened link of the user goes first (verification, e-mail change, password reset, deletion), so
     * nothing mailed to the old address still works; listeners hear {@code emailChanged} when the address differs.
     * Nothing is written when the address is taken. The user afterwards.
     *
     * @throws AuthException {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}, {@code USER_NOT_FOUND}
     */
    User setEmail(String userId, String email, boolean verified) {
        User before = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
        Instant now = Instants.now(clock);
        links.forgetLinks(userId);
        try {
            users.changeEmail(userId, email, now).orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
        }
        if (verified) {
            users.markEmailVerified(userId, email, now);
        }
        User changed = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
        if (!before.getEmail().equals(changed.getEmail())) {
            events.publish(l -> l.emailChanged(changed, before.getEmail()));
        }
        return changed;
    }

    /** Whether clients may set this user field (at sign-up, through update-user). */
    boolean isClientWritable(String name) {
        return userFields.isClientWritable(name);
    }
}
