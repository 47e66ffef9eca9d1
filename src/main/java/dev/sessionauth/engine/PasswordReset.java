package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.LinkBase;
import dev.sessionauth.Mail;
import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.store.Credentials;
import dev.sessionauth.store.UserStore;
import dev.sessionauth.store.VerificationStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * "Forgot password": a single-use secret per user (only the newest works), kept as a hash and mailed as
 * {@code <basePath>/reset-password/<token>?callbackURL=<redirectTo>}; the new password it sets ends every session of
 * the user unless {@code passwordReset.revokeSessions=false}. Whether an address has an account shows neither in
 * the answer nor in the work done for it.
 */
final class PasswordReset {
    static final String PREFIX = "password-reset:";

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

    PasswordReset(AuthConfig config, Clock clock, UserStore users, VerificationStore verifications,
                  TokenGenerator tokens, PasswordHasher passwords, Outbox outbox, OwnSessions own,
                  SessionEvents events) {
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
    }

    /**
     * Mails a reset link if the address has an account. An unknown address costs the same token work and store
     * round trips (a read and a delete that finds nothing), so neither the answer nor its time tells them apart.
     */
    void request(String email, Optional<LinkBase> links, Optional<String> redirectTo) {
        String normalized = AccountInput.normalizeEmail(email);
        Optional<User> user = users.findCredentials(normalized).map(Credentials::user);
        String secret = tokens.newToken();
        String hash = TokenHasher.hash(secret);
        Instant now = Instants.now(clock);
        if (user.isEmpty()) {
            verifications.find(hash, now);
            verifications.deleteAll(PREFIX + tokens.newId());
            return;
        }
        Optional<String> base = mailLinks.endpoint(links, "/reset-password/", "password-reset", user.get().getId());
        if (base.isEmpty()) {
            return;
        }
        String identifier = PREFIX + user.get().getId();
        verifications.deleteAll(identifier);
        verifications.create(tokens.newId(), identifier, hash, now.plus(config.accounts().resetExpiresIn()), now);
        String link = base.get() + secret + redirectTo
                .map(r -> "?callbackURL=" + URLEncoder.encode(r, StandardCharsets.UTF_8)).orElse("");
        outbox.post(new Mail(Mail.Kind.RESET_PASSWORD, user.get().getEmail(), user.get(), link));
    }

    /** Whether {@code token} would reset a password now; nothing is used up (the link was only opened). */
    boolean isValid(String token) {
        return TokenGenerator.looksLikeToken(token) && verifications.find(TokenHasher.hash(token), Instants.now(clock))
                .filter(id -> id.startsWith(PREFIX)).isPresent();
    }

    /**
     * Uses up {@code token} and sets the new password (checked like a sign-up's first); every session of the user
     * ends unless {@code passwordReset.revokeSessions=false}.
     *
     * @throws AuthException {@code INVALID_TOKEN}, {@code PASSWORD_TOO_SHORT}, {@code PASSWORD_TOO_LONG},
     *                       {@code PASSWORD_TOO_WEAK}; the token is used up only when the password passes
     */
    User reset(String token, String newPassword) {
        input.checkNewPassword(newPassword);
        Instant now = Instants.now(clock);
        String userId = Optional.of(token).filter(TokenGenerator::looksLikeToken)
                .flatMap(t -> verifications.consume(TokenHasher.hash(t), now))
                .filter(id -> id.startsWith(PREFIX)).map(id -> id.substring(PREFIX.length()))
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN,
                        "This password-reset link is not valid: it was used already, has expired or never existed"));
        if (!users.updatePassword(userId, passwords.hash(newPassword), now)) {
            throw new AuthException(ErrorCode.INVALID_TOKEN, "This password-reset link's account no longer exists");
        }
        if (config.accounts().resetRevokesSessions()) {
            own.revokeAll(userId);
        }
        User user = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN));
        events.publish(l -> l.passwordReset(user));
        return user;
    }
}
