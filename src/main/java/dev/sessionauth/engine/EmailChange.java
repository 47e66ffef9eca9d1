package dev.sessionauth.engine;

import dev.sessionauth.ChangeEmail;
import dev.sessionauth.AuthException;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.EmailChangeResult;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Changing a user's e-mail address, which needs proof that the owner is at the keyboard (a fresh sign-in or the
 * password) and tells the old address. An unverified user's address changes at once (and the new one gets a
 * verification link); a verified user's changes only when a link mailed to the new address is opened, so nobody moves
 * an account to an address they cannot read. A taken address changes nothing and sends nothing, with the same answer.
 * The confirmation token names the new address ({@link AddressToken}). Every change of address first deletes the
 * user's unopened verification and change links, so no link outlives the address it was mailed for.
 */
final class EmailChange {
    static final String PREFIX = "change-email:";
    private static final String INVALID = "This e-mail change link is not valid: it was used already, has expired"
            + " or never existed";

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final VerificationStore verifications;
    private final TokenGenerator tokens;
    private final MailLinks mailLinks;
    private final Outbox outbox;
    private final EmailVerification verification;
    private final SessionResolver resolver;
    private final SessionEvents events;
    private final Accounts accounts;
    private final Throttles throttles;
    private final SensitiveActions sensitive;

    EmailChange(AuthConfig config, Clock clock, UserStore users, VerificationStore verifications,
                TokenGenerator tokens, Outbox outbox, EmailVerification verification, SessionResolver resolver,
                SessionEvents events, Accounts accounts, Throttles throttles, SensitiveActions sensitive) {
        this.sensitive = sensitive;
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.verifications = verifications;
        this.tokens = tokens;
        this.mailLinks = new MailLinks(config);
        this.outbox = outbox;
        this.verification = verification;
        this.resolver = resolver;
        this.events = events;
        this.accounts = accounts;
        this.throttles = throttles;
    }

    /**
     * Changes the address of the session's user, or mails the new address a link that will. Needs the password or a
     * sign-in younger than {@code session.freshAge} ({@code SESSION_NOT_FRESH}, {@code INVALID_PASSWORD}): a stolen
     * session alone must not move the account to the thief's address.
     */
    Outcome<EmailChangeResult> change(Resolution given, ChangeEmail request, Caller caller) {
        Resolution current = resolver.fromStore(given);
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User user = current.user().orElseThrow();
        sensitive.check(session, SensitiveAction.CHANGE_EMAIL);
        String email = AccountInput.normalizeEmail(request.newEmail());
        Optional<String> password = request.password();
        Optional<String> callbackURL = request.callbackURL();
        Optional<LinkBase> links = caller.links();
        if (password.isPresent()) {
            accounts.checkPasswordThrottled(user, password.get(), caller);
        } else if (!resolver.isFresh(session)) {
            throw new AuthException(ErrorCode.SESSION_NOT_FRESH,
                    "Changing the e-mail address needs your password or a recent sign-in");
        }
        throttles.strict(AddressLimits.Action.CHANGE_EMAIL, caller.client());
        if (email.equals(user.getEmail())) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The new e-mail address is the current one");
        }
        if (users.findCredentials(email).isPresent()) {
            return Outcome.of(new EmailChangeResult(EmailChangeResult.Status.ADDRESS_TAKEN, user));
        }
        Instant now = Instants.now(clock);
        if (!user.isEmailVerified()) {
            forgetAddressLinks(user.getId());
            User changed;
            try {
                changed = users.changeEmail(user.getId(), email, now)
                        .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
            } catch (DuplicateEmailException e) {
                return Outcome.of(new EmailChangeResult(EmailChangeResult.Status.ADDRESS_TAKEN, user));
            }
            tellOldAddress(user);
            verification.send(changed, links, callbackURL);
            events.publish(l -> l.emailChanged(changed, user.getEmail()));
            return new Outcome<>(new EmailChangeResult(EmailChangeResult.Status.CHANGED, changed),
                    resolver.changed(session, changed, current.token().orElseThrow(), false).browser());
        }
        Optional<String> base = mailLinks.endpoint(links, "/verify-email", "e-mail change", user.getId());
        if (base.isPresent()) {
            String token = AddressToken.issue(tokens, email);
            verifications.deleteAll(PREFIX + user.getId());
            verifications.create(tokens.newId(), PREFIX + user.getId(), TokenHasher.hash(token),
                    now.plus(config.emailVerificationExpiresIn()), now);
            outbox.post(new Mail(Mail.Kind.CHANGE_EMAIL, email, user,
                    base.get() + "?token=" + token + MailLinks.param("callbackURL", callbackURL)));
            tellOldAddress(user);
        }
        return Outcome.of(new EmailChangeResult(EmailChangeResult.Status.CONFIRMATION_SENT, user));
    }

    private void tellOldAddress(User user) {
        outbox.post(new Mail(Mail.Kind.EMAIL_CHANGED, user.getEmail(), user, ""));
    }

    private void forgetAddressLinks(String userId) {
        verifications.deleteAll(EmailVerification.PREFIX + userId);
        verifications.deleteAll(PREFIX + userId);
    }

    /** Whether {@code token} is a live e-mail change confirmation (rather than a verification link's). */
    boolean isChangeToken(String token) {
        return AddressToken.address(token).isPresent() && verifications.find(TokenHasher.hash(token),
                Instants.now(clock)).filter(id -> id.startsWith(PREFIX)).isPresent();
    }

    /**
     * Uses up a confirmation token and gives its user the address it names, verified (the link was read there). A
     * browser signed in as that user gets its jwt cache replaced.
     *
     * @throws AuthException {@code INVALID_TOKEN}; {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL} when another account
     *                       took the address since the link was sent
     */
    Outcome<User> confirm(String token, Presented presented) {
        String email = AddressToken.address(token)
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN, INVALID));
        Instant now = Instants.now(clock);
        String userId = OneTimeSecrets.use(verifications, TokenHasher.hash(token), now, PREFIX)
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN, INVALID));
        User before = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN, INVALID));
        forgetAddressLinks(userId);
        try {
            users.changeEmail(userId, email, now).orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN, INVALID));
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL,
                    "Another account uses this address now; the e-mail address was not changed");
        }
        // Holds only while the address is still the one just set: a change racing this one wins unverified.
        users.markEmailVerified(userId, email, now);
        User changed = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN, INVALID));
        events.publish(l -> l.emailChanged(changed, before.getEmail()));
        Resolution r = resolver.fromStore(presented, false);
        BrowserUpdate browser = r.isValid() && r.user().orElseThrow().getId().equals(userId)
                ? BrowserUpdate.keep(resolver.cacheFor(r.session().orElseThrow(), changed, r.token().orElseThrow()))
                : BrowserUpdate.KEEP;
        return new Outcome<>(changed, browser);
    }
}
