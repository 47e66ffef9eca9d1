package dev.sessionauth.oidc;

import dev.sessionauth.User;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.spi.AccountStore;
import dev.sessionauth.spi.DuplicateAccountException;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.spi.NoSuchUserException;
import dev.sessionauth.spi.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which user a verified provider identity is, and the rules that keep a provider from being a way into someone
 * else's account. No setting loosens them.
 * <ul>
 *   <li>An identity linked already signs in as the user it is linked to, whatever its e-mail says now.</li>
 *   <li>A new identity whose e-mail belongs to a user is linked to that user only when the provider vouches for the
 *       address ({@code email_verified}) <em>and</em> the user verified it too: else whoever registered the address
 *       first with a password could wait for the owner's social sign-in (pre-account takeover). Refused:
 *       {@code account_not_linked}, nothing written.</li>
 *   <li>A new identity with an unused address makes a user, verified only if the provider vouches for it.</li>
 *   <li>An explicit link ({@code /link-social}) takes only an identity whose provider-verified address is the
 *       signed-in user's own.</li>
 * </ul>
 */
final class AccountLinking {
    private static final System.Logger LOG = System.getLogger(AccountLinking.class.getName());

    private final UserStore users;
    private final AccountStore accounts;
    private final TokenGenerator tokens;
    private final Clock clock;
    private final List<AdditionalField> userFields;

    AccountLinking(UserStore users, AccountStore accounts, TokenGenerator tokens, Clock clock,
            List<AdditionalField> userFields) {
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.userFields = List.copyOf(userFields);
    }

    /** The user an identity signed in as, and whether this sign-in made them. */
    record Resolved(User user, boolean created) {
    }

    /**
     * The user {@code identity} signs in as: its linked user, an existing user it may be linked to (and is, now), or
     * a new one.
     *
     * @throws LinkRefusal.Refused when the rules refuse it
     */
    Resolved signIn(IdentityClaims identity, List<String> scopes) {
        Optional<LinkedAccount> linked = accounts.find(identity.providerId(), identity.subject());
        if (linked.isPresent()) {
            return new Resolved(linkedUser(linked.get(), identity), false);
        }
        String email = normalized(identity.email());
        Optional<User> holder = accounts.findUserByEmail(email);
        if (holder.isPresent()) {
            return new Resolved(linkExisting(holder.get(), identity, scopes), false);
        }
        User user = newUser(identity, email);
        try {
            accounts.createUser(user, account(user.getId(), identity, scopes), Optional.empty());
            return new Resolved(user, true);
        } catch (DuplicateAccountException concurrent) {
            // The same identity's first sign-in in another tab made the user a moment ago.
            return new Resolved(accounts.find(identity.providerId(), identity.subject())
                    .map(a -> linkedUser(a, identity)).orElseThrow(LinkRefusal.UNABLE_TO_LINK::refused), false);
        } catch (DuplicateEmailException concurrent) {
            // Someone took the address a moment ago: judged like any existing holder of it.
            return new Resolved(linkExisting(accounts.findUserByEmail(email)
                    .orElseThrow(LinkRefusal.UNABLE_TO_LINK::refused), identity, scopes), false);
        }
    }

    /**
     * Links {@code identity} to the signed-in user {@code userId}; nothing happens if it is linked to them already.
     *
     * @throws LinkRefusal.Refused when the rules refuse it
     */
    void link(IdentityClaims identity, String userId, List<String> scopes) {
        User user = users.findById(userId).orElseThrow(LinkRefusal.LINKING_FAILED::refused);
        if (!identity.emailVerified()) {
            throw LinkRefusal.LINKING_NOT_ALLOWED.refused();
        }
        if (!sameAddress(identity.email(), user.getEmail())) {
            throw LinkRefusal.EMAIL_DOES_NOT_MATCH.refused();
        }
        Optional<LinkedAccount> linked = accounts.find(identity.providerId(), identity.subject());
        if (linked.isPresent()) {
            if (!linked.get().userId().equals(userId)) {
                throw LinkRefusal.ALREADY_LINKED.refused();
            }
            return;
        }
        try {
            accounts.link(account(userId, identity, scopes));
        } catch (DuplicateAccountException concurrent) {
            throw LinkRefusal.ALREADY_LINKED.refused();
        } catch (NoSuchUserException gone) {
            throw LinkRefusal.LINKING_FAILED.refused();
        }
    }

    private User linkedUser(LinkedAccount account, IdentityClaims identity) {
        // The same subject under another issuer (another tenant of a multi-tenant provider) is another person.
        if (account.issuer().isPresent() && !account.issuer().get().equals(identity.issuer())) {
            LOG.log(System.Logger.Level.WARNING, "socialProviders." + identity.providerId() + ": account "
                    + account.id() + " was linked under another issuer than the one that signed in; refused");
            throw LinkRefusal.UNABLE_TO_LINK.refused();
        }
        User user = users.findById(account.userId()).orElseThrow(LinkRefusal.UNABLE_TO_LINK::refused);
        if (identity.emailVerified() && !user.isEmailVerified() && sameAddress(identity.email(), user.getEmail())
                && users.markEmailVerified(user.getId(), user.getEmail(), now())) {
            return users.findById(user.getId()).orElse(user);
        }
        return user;
    }

    private User linkExisting(User holder, IdentityClaims identity, List<String> scopes) {
        if (!identity.emailVerified() || !holder.isEmailVerified()) {
            LOG.log(System.Logger.Level.INFO, () -> "socialProviders." + identity.providerId() + ": a new identity"
                    + " has the address of user " + holder.getId() + ", but " + (identity.emailVerified()
                    ? "the user never verified it" : "the provider does not vouch for it") + "; not linked");
            throw LinkRefusal.ACCOUNT_NOT_LINKED.refused();
        }
        try {
            accounts.link(account(holder.getId(), identity, scopes));
        } catch (DuplicateAccountException concurrent) {
            return accounts.find(identity.providerId(), identity.subject())
                    .filter(a -> a.userId().equals(holder.getId())).map(a -> holder)
                    .orElseThrow(LinkRefusal.UNABLE_TO_LINK::refused);
        } catch (NoSuchUserException gone) {
            throw LinkRefusal.UNABLE_TO_LINK.refused();
        }
        return holder;
    }

    private User newUser(IdentityClaims identity, String email) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (AdditionalField f : userFields) {
            f.defaultValue().ifPresent(d -> fields.put(f.name(), d));
            if (f.required() && fields.get(f.name()) == null) {
                LOG.log(System.Logger.Level.WARNING, "socialProviders." + identity.providerId() + ": cannot make a"
                        + " user for a new identity: the user field " + f.name() + " is required and has no default");
                throw LinkRefusal.UNABLE_TO_CREATE_USER.refused();
            }
        }
        Instant now = now();
        // An address the provider does not vouch for never counts as verified here.
        return new User(tokens.newId(), identity.name().orElse(""), email, identity.emailVerified(),
                identity.picture(), now, now, fields);
    }

    private LinkedAccount account(String userId, IdentityClaims identity, List<String> scopes) {
        Instant now = now();
        return new LinkedAccount(tokens.newId(), userId, identity.providerId(), identity.subject(),
                Optional.of(identity.issuer()), scopes, now, now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean sameAddress(String a, String b) {
        return normalized(a).equals(normalized(b));
    }
}
