package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * "Forgot password": a single-use secret per user (only the newest works), kept as a hash and mailed as
 * {@code <basePath>/reset-password/<token>?callbackURL=<redirectTo>}; the new password it sets ends every session of
 * the user unless {@code passwordReset.revokeSessions=false}, ends the other links mailed to act on the account, and
 * clears the account's sign-in lock (the owner proved the mailbox). Whether an address has an account shows neither
 * in the answer nor in its time: the look-up and the mail happen after the answer, on the background thread.
 */
final class PasswordReset {
    static final String PREFIX = "password-reset:";
    private static final System.Logger LOG = System.getLogger(PasswordReset.class.getName());

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final VerificationStore verifications;
    private final TokenGenerator tokens;
    private final PasswordHasher passwords;
    private final AccountInput input;
    private final MailLinks mailLinks;
    private final Outbox outbox;
    private final OwnSessions own;
    private final SessionEvents events;
    private final Throttles throttles;
    private final PendingLinks links;

    PasswordReset(AuthConfig config, Clock clock, UserStore users, VerificationStore verifications,
                  TokenGenerator tokens, PasswordHasher passwords, Outbox outbox, OwnSessions own,
                  SessionEvents events, Throttles throttles, PendingLinks links) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.verifications = verifications;
        this.tokens = tokens;
        this.passwords = passwords;
        this.input = new AccountInput(config);
        this.mailLinks = new MailLinks(config);
        this.outbox = outbox;
        this.own = own;
        this.events = events;
        this.throttles = throttles;
        this.links = links;
    }

    /**
     * Mails a reset link if the address has an account. The request's own work is the same for every address (the
     * syntax check and the per-address allowance); finding the account, writing the secret and mailing happen on
     * the background thread.
     */
    void request(String email, Optional<LinkBase> base, Optional<String> redirectTo, ClientInfo client) {
        String normalized = AccountInput.normalizeEmail(email);
        throttles.strict(AddressLimits.Action.REQUEST_PASSWORD_RESET, client);
        outbox.later(() -> {
            try {
                users.findCredentials(normalized).map(Credentials::user).ifPresent(u -> send(u, base, redirectTo));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not prepare a password-reset link: " + e.getMessage());
            }
        });
    }

    private void send(User user, Optional<LinkBase> base, Optional<String> redirectTo) {
        Optional<String> endpoint = mailLinks.endpoint(base, "/reset-password/", "password-reset", user.getId());
        if (endpoint.isEmpty()) {
            return;
        }
        String secret = tokens.newToken();
        Instant now = Instants.now(clock);
        String identifier = PREFIX + user.getId();
        verifications.deleteAll(identifier);
        verifications.create(tokens.newId(), identifier, TokenHasher.hash(secret),
                now.plus(config.accounts().resetExpiresIn()), now);
        String link = endpoint.get() + secret + redirectTo
                .map(r -> "?callbackURL=" + URLEncoder.encode(r, StandardCharsets.UTF_8)).orElse("");
        outbox.post(new Mail(Mail.Kind.RESET_PASSWORD, user.getEmail(), user, link));
    }

    /** Whether {@code token} would reset a password now; nothing is used up (the link was only opened). */
    boolean isValid(String token) {
        return TokenGenerator.looksLikeToken(token) && verifications.find(TokenHasher.hash(token), Instants.now(clock))
                .filter(id -> id.startsWith(PREFIX)).isPresent();
    }

    /**
     * Uses up {@code token} and sets the new password (checked like a sign-up's first); every session of the user
     * ends unless {@code passwordReset.revokeSessions=false}; the account's lock and its other pending links go.
     *
     * @throws AuthException {@code INVALID_TOKEN}, {@code PASSWORD_TOO_SHORT}, {@code PASSWORD_TOO_LONG},
     *                       {@code PASSWORD_TOO_WEAK}; the token is used up only when the password passes
     */
    User reset(String token, String newPassword, ClientInfo client) {
        input.checkNewPassword(newPassword);
        if (!isValid(token)) {
            throw invalid();
        }
        String hash = throttles.hashing("", client, () -> passwords.hash(newPassword));
        Instant now = Instants.now(clock);
        String userId = OneTimeSecrets.use(verifications, TokenHasher.hash(token), now, PREFIX)
                .orElseThrow(PasswordReset::invalid);
        if (!users.updatePassword(userId, hash, now)) {
            throw new AuthException(ErrorCode.INVALID_TOKEN, "This password-reset link's account no longer exists");
        }
        User user = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN));
        throttles.unlock(user.getEmail());
        if (config.accounts().resetRevokesSessions()) {
            own.revokeAll(userId);
        } else {
            links.forgetActing(userId);
        }
        events.publish(l -> l.passwordReset(user));
        return user;
    }

    private static AuthException invalid() {
        return new AuthException(ErrorCode.INVALID_TOKEN,
                "This password-reset link is not valid: it was used already, has expired or never existed");
    }
}
