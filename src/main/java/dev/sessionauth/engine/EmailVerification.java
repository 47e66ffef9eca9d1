package dev.sessionauth.engine;

import dev.sessionauth.AuthException;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.User;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * E-mail verification: a single-use secret per user, bound to the address it is mailed to ({@link AddressToken}),
 * mailed as a link the engine builds from {@code baseURL} (or from where the request reached the app, when that origin
 * is trusted), and marking that address verified when the link is opened, only if it is still the account's.
 */
final class EmailVerification {
    static final String PREFIX = "email-verification:";
    private static final String INVALID = "This verification link is not valid: it was used already, has expired,"
            + " never existed or is for an address the account no longer has";

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final VerificationStore verifications;
    private final TokenGenerator tokens;
    private final MailLinks mailLinks;
    private final Outbox outbox;
    private final SessionResolver resolver;
    private final Throttles throttles;

    EmailVerification(AuthConfig config, Clock clock, UserStore users, VerificationStore verifications,
                      TokenGenerator tokens, Outbox outbox, SessionResolver resolver, Throttles throttles) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.verifications = verifications;
        this.tokens = tokens;
        this.mailLinks = new MailLinks(config);
        this.outbox = outbox;
        this.resolver = resolver;
        this.throttles = throttles;
    }

    /**
     * Sends a verification link to the user with this address, if there is one and it is not verified yet. The
     * answer does not depend on either, so it tells nobody which addresses have accounts.
     */
    void request(String email, Optional<LinkBase> links, Optional<String> callbackURL, ClientInfo client) {
        String normalized = AccountInput.normalizeEmail(email);
        throttles.strict(AddressLimits.Action.SEND_VERIFICATION, client);
        users.findCredentials(normalized).map(Credentials::user).filter(u -> !u.isEmailVerified())
                .ifPresent(u -> send(u, links, callbackURL));
    }

    /** Replaces the user's verification secret and mails the link to their address, on the background thread. */
    void send(User user, Optional<LinkBase> links, Optional<String> callbackURL) {
        Optional<String> base = mailLinks.endpoint(links, "/verify-email", "verification", user.getId());
        if (base.isEmpty()) {
            return;
        }
        String token = AddressToken.issue(tokens, user.getEmail());
        Instant now = Instants.now(clock);
        String identifier = PREFIX + user.getId();
        verifications.deleteAll(identifier);
        verifications.create(tokens.newId(), identifier, TokenHasher.hash(token),
                now.plus(config.emailVerificationExpiresIn()), now);
        outbox.post(new Mail(Mail.Kind.VERIFY_EMAIL, user.getEmail(), user,
                base.get() + "?token=" + token + MailLinks.param("callbackURL", callbackURL)));
    }

    /**
     * Uses up a verification token and marks the address it names verified, in one conditional write that holds
     * only while the account still has that address: a link mailed to an address the account has since left
     * verifies nothing. A browser signed in as that user gets its jwt cache replaced, so it does not keep a cached
     * "unverified" until the cache expires.
     *
     * @throws AuthException {@code INVALID_TOKEN} when the token is unknown, used, expired or for another address
     */
    Outcome<User> verify(String token, Presented presented) {
        String email = AddressToken.address(token)
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN, INVALID));
        Instant now = Instants.now(clock);
        String userId = OneTimeSecrets.use(verifications, TokenHasher.hash(token), now, PREFIX)
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN, INVALID));
        if (!users.markEmailVerified(userId, email, now)) {
            throw new AuthException(ErrorCode.INVALID_TOKEN, INVALID);
        }
        User user = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN));
        Resolution current = resolver.fromStore(presented, false);
        BrowserUpdate browser = current.isValid() && current.session().orElseThrow().getUserId().equals(userId)
                ? BrowserUpdate.keep(resolver.cacheFor(current.session().orElseThrow(), user,
                        current.token().orElseThrow()))
                : BrowserUpdate.KEEP;
        return new Outcome<>(user, browser);
    }

    /** Where verification links go: the mail sender, as a {@link VerificationSender}. */
    VerificationSender sender() {
        return (user, link) -> outbox.sender().send(new Mail(Mail.Kind.VERIFY_EMAIL, user.getEmail(), user, link));
    }
}
