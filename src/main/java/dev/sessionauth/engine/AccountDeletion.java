package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.DeleteUser;
import dev.sessionauth.DeleteUserResult;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Deleting the signed-in user: with their password or a fresh sign-in, at once or (under
 * {@code deleteUser.sendConfirmation}) after a link mailed to them is opened while signed in as them. The listeners
 * hear {@code userDeleted} first, on this thread, so the app can delete its own rows; then every session ends
 * through the usual revocation, the verification secrets go, and the user with their credential.
 */
final class AccountDeletion {
    static final String PREFIX = "delete-account:";

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final VerificationStore verifications;
    private final TokenGenerator tokens;
    private final MailLinks mailLinks;
    private final Outbox outbox;
    private final Accounts accounts;
    private final OwnSessions own;
    private final SessionResolver resolver;
    private final SessionEvents events;
    private final PendingLinks pendingLinks;
    private final SensitiveActions sensitive;

    AccountDeletion(AuthConfig config, Clock clock, UserStore users, VerificationStore verifications,
                    TokenGenerator tokens, Outbox outbox, Accounts accounts, OwnSessions own,
                    SessionResolver resolver, SessionEvents events, PendingLinks links, SensitiveActions sensitive) {
        this.sensitive = sensitive;
        this.pendingLinks = links;
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.verifications = verifications;
        this.tokens = tokens;
        this.mailLinks = new MailLinks(config);
        this.outbox = outbox;
        this.accounts = accounts;
        this.own = own;
        this.resolver = resolver;
        this.events = events;
    }

    /**
     * Deletes the session's user, or mails the confirmation link. A token (from that link) deletes at once; else the
     * password must be right ({@code INVALID_PASSWORD}) or the sign-in fresh ({@code SESSION_NOT_FRESH}).
     */
    Outcome<DeleteUserResult> delete(Resolution given, DeleteUser request, Optional<String> token, Caller caller) {
        Resolution current = resolver.fromStore(given);
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User user = current.user().orElseThrow();
        sensitive.check(session, SensitiveAction.DELETE_ACCOUNT);
        if (request.password().isPresent()) {
            accounts.checkPasswordThrottled(user, request.password().get(), caller);
        }
        if (token.isPresent()) {
            return deleted(confirm(current, token.get()));
        }
        if (request.password().isEmpty() && !resolver.isFresh(session)) {
            throw new AuthException(ErrorCode.SESSION_NOT_FRESH,
                    "Deleting the account needs your password or a recent sign-in");
        }
        if (!config.accounts().deleteSendsConfirmation()) {
            deleteNow(user);
            return deleted(user);
        }
        Optional<String> base = mailLinks.endpoint(caller.links(), "/delete-user/callback", "account-deletion",
                user.getId());
        if (base.isPresent()) {
            String secret = tokens.newToken();
            Instant now = Instants.now(clock);
            verifications.deleteAll(PREFIX + user.getId());
            verifications.create(tokens.newId(), PREFIX + user.getId(), TokenHasher.hash(secret),
                    now.plus(config.accounts().deleteExpiresIn()), now);
            outbox.post(new Mail(Mail.Kind.DELETE_ACCOUNT, user.getEmail(), user, base.get() + "?token=" + secret
                    + "&callbackURL=" + URLEncoder.encode(request.callbackURL().orElse("/"), StandardCharsets.UTF_8)));
        }
        return Outcome.of(new DeleteUserResult(DeleteUserResult.Status.CONFIRMATION_SENT, user));
    }

    /** A deleted user's browser has its cookies cleared: the session it held is gone with the user. */
    private static Outcome<DeleteUserResult> deleted(User user) {
        return new Outcome<>(new DeleteUserResult(DeleteUserResult.Status.DELETED, user), BrowserUpdate.CLEAR);
    }

    /**
     * Uses up a confirmation token and deletes the session's user. A token of another user is used up and refused
     * ({@code INVALID_TOKEN}), like an unknown, used or expired one.
     */
    User confirm(Resolution current, String token) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        boolean mine = TokenGenerator.looksLikeToken(token)
                && OneTimeSecrets.use(verifications, TokenHasher.hash(token), Instants.now(clock), PREFIX)
                        .filter(user.getId()::equals).isPresent();
        if (!mine) {
            throw new AuthException(ErrorCode.INVALID_TOKEN,
                    "This account-deletion link is not valid: it was used already, has expired or never existed");
        }
        deleteNow(user);
        return user;
    }

    /** The deletion itself: listeners first (a failure stops it), then sessions, secrets and the user's rows. */
    void deleteNow(User user) {
        events.userDeleting(user);
        own.revokeAll(user.getId());
        pendingLinks.forgetAll(user.getId());
        users.delete(user.getId());
    }
}
