package dev.sessionauth.engine;

import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.spi.AccountStore;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the engine shares with a feature as it starts: the clock, the stores (and the JDBC data source, for the
 * feature's own tables; none with in-memory stores), the one session issuer, the throttles, listener events, mail,
 * the app's secrets, a user's sessions, and the throttled password check.
 */
public final class FeatureContext {
    private final AuthConfig config;
    private final Clock clock;
    private final Stores stores;
    private final SessionIssuer issuer;
    private final Throttles throttles;
    private final SessionEvents events;
    private final Outbox outbox;
    private final MailLinks mailLinks;
    private final TokenGenerator tokens;
    private final List<byte[]> secrets;
    private final CookieSigner signer;
    private final OwnSessions own;
    private final Accounts accounts;
    private final AccountDeletion deletion;
    private final SensitiveActions sensitive;
    private volatile List<FeaturePart> started = List.of();

    FeatureContext(AuthConfig config, Clock clock, Stores stores, SessionIssuer issuer, Throttles throttles,
                   SessionEvents events, Outbox outbox, MailLinks mailLinks, TokenGenerator tokens,
                   List<byte[]> secrets, CookieSigner signer, OwnSessions own, Accounts accounts,
                   AccountDeletion deletion, SensitiveActions sensitive) {
        this.deletion = deletion;
        this.sensitive = sensitive;
        this.config = config;
        this.clock = clock;
        this.stores = stores;
        this.issuer = issuer;
        this.throttles = throttles;
        this.events = events;
        this.outbox = outbox;
        this.mailLinks = mailLinks;
        this.tokens = tokens;
        this.secrets = List.copyOf(secrets);
        this.signer = signer;
        this.own = own;
        this.accounts = accounts;
    }

    /** The validated configuration, the feature's own settings included. */
    public AuthConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public UserStore users() {
        return stores.users();
    }

    public VerificationStore verifications() {
        return stores.verifications();
    }

    /** Accounts at identity providers; empty when the app brought stores of its own without one. */
    public Optional<AccountStore> accounts() {
        return stores.accounts();
    }

    /** The database of the JDBC stores, for the feature's own tables; empty when the stores are in memory. */
    public Optional<DataSource> dataSource() {
        return stores.dataSource();
    }

    /** The one place sessions are made: every way in ends there. */
    public SessionIssuer issuer() {
        return issuer;
    }

    public Throttles throttles() {
        return throttles;
    }

    public SessionEvents events() {
        return events;
    }

    /** Mail, sent on the background thread. */
    public Outbox outbox() {
        return outbox;
    }

    /** Absolute links for mail, from {@code baseURL} or a trusted origin. */
    public MailLinks mailLinks() {
        return mailLinks;
    }

    public TokenGenerator tokens() {
        return tokens;
    }

    /** The app's secrets ({@code secret}), first signs, all verify: for a feature's keys. */
    public List<byte[]> secrets() {
        return secrets;
    }

    /** HMAC signatures under the app's secrets, for a feature's cookies. */
    public CookieSigner signer() {
        return signer;
    }

    /** A user's sessions: ending them, listing them. */
    public OwnSessions sessions() {
        return own;
    }

    /** The parts that started, installed once they all have: {@link #waysIn} asks each. */
    void install(List<FeaturePart> parts) {
        started = List.copyOf(parts);
    }

    /**
     * A started feature's Java API (what {@code SessionAuth.feature} finds), for a feature that offers more when
     * another is on: the admin tools reset a user's two-factor sign-in. Empty while that feature is off, and until
     * every feature has started (ask when a request or call comes, not in {@code start}).
     */
    public <T> Optional<T> feature(Class<T> type) {
        return started.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * How many ways in the user has: a password, plus what every started feature holds for them (provider accounts,
     * passkeys). A feature refuses to remove the last one.
     */
    public int waysIn(String userId) {
        int ways = stores.users().findCredentialsById(userId).isPresent() ? 1 : 0;
        for (FeaturePart part : started) {
            ways += part.waysIn(userId);
        }
        return ways;
    }

    /**
     * Checks {@code user}'s password as a change of password does: through the account lock and the address
     * throttles, with bcrypt's work either way.
     *
     * @throws dev.sessionauth.AuthException {@code INVALID_PASSWORD}, or a throttle's refusal
     */
    public void checkPassword(User user, String password, Caller caller) {
        accounts.checkPasswordThrottled(user, password, caller);
    }

    /**
     * Asks every started feature whether {@code action} may go ahead on {@code session} (a feature that adds or
     * removes ways in asks with {@link SensitiveAction#CHANGE_WAYS_IN}).
     *
     * @throws dev.sessionauth.AuthException a feature refuses it
     */
    public void checkSensitive(dev.sessionauth.Session session, SensitiveAction action) {
        sensitive.check(session, action);
    }

    /**
     * A user that someone else creates (an admin, the app): with a password, no session.
     *
     * @param fields declared user fields, every one writable (the app's side)
     */
    public record NewAccount(String email, String name, String password, java.util.Optional<String> image,
                             boolean emailVerified, java.util.Map<String, Object> fields) {
        public NewAccount {
            fields = java.util.Map.copyOf(fields);
        }

        @Override
        public String toString() {
            return "NewAccount[" + email + "]";
        }
    }

    /**
     * Creates {@code account}'s user with no session, checked as a sign-up is (address, name, password policy) and
     * hashed in the hashing queue; the user as stored.
     *
     * @throws dev.sessionauth.AuthException {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}, {@code INVALID_EMAIL},
     *                                       {@code PASSWORD_TOO_*}, {@code INVALID_REQUEST_BODY}
     */
    public User createUser(NewAccount account, ClientInfo client) {
        return accounts.createUser(account, client);
    }

    /**
     * Gives the user a new password without the current one (checked against the password policy, hashed in the
     * queue); whether the user has a password credential to set. Ends no session: the caller decides.
     */
    public boolean setPassword(String userId, String newPassword, ClientInfo client) {
        return accounts.setPassword(userId, newPassword, client);
    }

    /**
     * Checks a user's changes as sign-up and update-user check them, for a feature that changes a user for someone
     * else (an admin): the address trimmed and lower-cased ({@code INVALID_EMAIL}), the name ({@code 1..255}
     * characters), the image ({@code 2048}), declared fields by type and size; every refusal names what is wrong.
     */
    public String checkedEmail(String email) {
        return AccountInput.normalizeEmail(email);
    }

    /** The name trimmed, or {@code INVALID_REQUEST_BODY} (see {@link #checkedEmail}). */
    public String checkedName(String name) {
        return AccountInput.checkName(name);
    }

    /** The image URL trimmed, blank meaning none, or {@code INVALID_REQUEST_BODY} (see {@link #checkedEmail}). */
    public Optional<String> checkedImage(Optional<String> image) {
        return AccountInput.checkImage(image);
    }

    /** Values for declared user fields, checked by type and size, or {@code INVALID_REQUEST_BODY} naming one. */
    public java.util.Map<String, Object> checkedFields(java.util.Map<String, Object> fields) {
        return accounts.checkedFieldUpdate(fields);
    }

    /**
     * Gives the user a new (checked) address, or the same one, verified or not, as an admin does it: every unopened
     * link of the user (verification, e-mail change, password reset, deletion) goes first, so none mailed to the
     * old address still acts; nothing is written when the address is taken. The user afterwards.
     *
     * @throws dev.sessionauth.AuthException {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}, {@code USER_NOT_FOUND}
     */
    public User setEmail(String userId, String email, boolean verified) {
        return accounts.setEmail(userId, email, verified);
    }

    /**
     * Deletes the user as deleting an account does: the listeners' {@code userDeleted} first (a failure stops it),
     * then every session through the revocation log, the pending links, the user with their credentials.
     */
    public void deleteUser(User user) {
        deletion.deleteNow(user);
    }
}
