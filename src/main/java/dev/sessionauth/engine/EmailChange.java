package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.BrowserUpdate;
import dev.sessionauth.EmailChangeResult;
import dev.sessionauth.EmailVerified;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.LinkBase;
import dev.sessionauth.Mail;
import dev.sessionauth.Presented;
import dev.sessionauth.Resolution;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.store.DuplicateEmailException;
import dev.sessionauth.store.UserStore;
import dev.sessionauth.store.VerificationStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Changing a user's e-mail address. An unverified user's address changes at once (and the new one gets a
 * verification link); a verified user's changes only when a link mailed to the new address is opened, so nobody
 * moves an account to an address they cannot read. A taken address changes nothing and sends nothing, with the same
 * answer. The confirmation token is {@code <secret>.<new address, base64url>}: its stored hash covers the address
 * too, so a token edited to name another address matches nothing.
 */
final class EmailChange {
    static final String PREFIX = "change-email:";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

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

    EmailChange(AuthConfig config, Clock clock, UserStore users, VerificationStore verifications,
                TokenGenerator tokens, Outbox outbox, EmailVerification verification, SessionResolver resolver,
                SessionEvents events) {
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
    }

    /** Changes the address of the session's user, or mails the new address a link that will. */
    EmailChangeResult change(Resolution current, String newEmail, Optional<LinkBase> links,
                             Optional<String> callbackURL) {
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User user = current.user().orElseThrow();
        String email = AccountInput.normalizeEmail(newEmail);
        if (email.equals(user.getEmail())) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The new e-mail address is the current one");
        }
        String secret = tokens.newToken();
        String token = secret + "." + B64.encodeToString(email.getBytes(StandardCharsets.UTF_8));
        String hash = TokenHasher.hash(token);
        if (users.findCredentials(email).isPresent()) {
            return new EmailChangeResult(EmailChangeResult.Status.ADDRESS_TAKEN, user, BrowserUpdate.KEEP);
        }
        Instant now = Instants.now(clock);
        if (!user.isEmailVerified()) {
            User changed;
            try {
                changed = users.changeEmail(user.getId(), email, now)
                        .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
            } catch (DuplicateEmailException e) {
                return new EmailChangeResult(EmailChangeResult.Status.ADDRESS_TAKEN, user, BrowserUpdate.KEEP);
            }
            // A link mailed to the old address must not verify the new one.
            verifications.deleteAll(EmailVerification.PREFIX + user.getId());
            verification.send(changed, links, callbackURL);
            events.publish(l -> l.emailChanged(changed, user.getEmail()));
            return new EmailChangeResult(EmailChangeResult.Status.CHANGED, changed,
                    resolver.changed(session, changed, current.token().orElseThrow(), false).browser());
        }
        Optional<String> base = mailLinks.endpoint(links, "/verify-email", "e-mail change", user.getId());
        if (base.isPresent()) {
            verifications.deleteAll(PREFIX + user.getId());
            verifications.create(tokens.newId(), PREFIX + user.getId(), hash,
                    now.plus(config.emailVerificationExpiresIn()), now);
            outbox.post(new Mail(Mail.Kind.CHANGE_EMAIL, email, user,
                    base.get() + "?token=" + token + MailLinks.param("callbackURL", callbackURL)));
        }
        return new EmailChangeResult(EmailChangeResult.Status.CONFIRMATION_SENT, user, BrowserUpdate.KEEP);
    }

    /** Whether {@code token} has the shape of a change confirmation (rather than a verification secret). */
    static boolean isChangeToken(String token) {
        int dot = token.indexOf('.');
        return dot == TokenGenerator.TOKEN_LENGTH && TokenGenerator.looksLikeToken(token.substring(0, dot));
    }

    /**
     * Uses up a confirmation token and gives its user the new address, verified (the link was read there). A
     * browser signed in as that user gets its jwt cache replaced.
     *
     * @throws AuthException {@code INVALID_TOKEN}; {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL} when another account
     *                       took the address since the link was sent
     */
    EmailVerified confirm(String token, Presented presented) {
        AuthException invalid = new AuthException(ErrorCode.INVALID_TOKEN,
                "This e-mail change link is not valid: it was used already, has expired or never existed");
        if (!isChangeToken(token)) {
            throw invalid;
        }
        String email;
        try {
            email = new String(Base64.getUrlDecoder().decode(token.substring(TokenGenerator.TOKEN_LENGTH + 1)),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid;
        }
        Instant now = Instants.now(clock);
        String userId = verifications.consume(TokenHasher.hash(token), now).filter(id -> id.startsWith(PREFIX))
                .map(id -> id.substring(PREFIX.length())).orElseThrow(() -> invalid);
        User before = users.findById(userId).orElseThrow(() -> invalid);
        try {
            users.changeEmail(userId, email, now).orElseThrow(() -> invalid);
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL,
                    "Another account uses this address now; the e-mail address was not changed");
        }
        users.markEmailVerified(userId, now);
        verifications.deleteAll(EmailVerification.PREFIX + userId);
        User changed = users.findById(userId).orElseThrow(() -> invalid);
        events.publish(l -> l.emailChanged(changed, before.getEmail()));
        Resolution r = resolver.fromStore(presented, false);
        BrowserUpdate browser = r.isValid() && r.user().orElseThrow().getId().equals(userId)
                ? BrowserUpdate.keep(resolver.cacheFor(r.session().orElseThrow(), changed, r.token().orElseThrow()))
                : BrowserUpdate.KEEP;
        return new EmailVerified(changed, browser);
    }
}
