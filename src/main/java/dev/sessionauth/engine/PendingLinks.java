package dev.sessionauth.engine;

import dev.sessionauth.spi.VerificationStore;
import java.util.List;

/**
 * The one-time links a user has been mailed and not yet opened. When the owner takes the account back (a password
 * reset, a password change that ends the other sessions, "sign out everywhere") every link that acts on the account
 * goes too: an e-mail change requested with a stolen session must not survive the owner's reset. So does what the
 * started features remember in place of a sign-in ({@link FeaturePart#accountTakenBack}: trusted devices).
 */
final class PendingLinks {
    /** Links that change or remove the account; a verification link only proves an address and may stay. */
    private static final List<String> ACTING = List.of(EmailChange.PREFIX, AccountDeletion.PREFIX,
            PasswordReset.PREFIX);

    private final VerificationStore verifications;
    private volatile List<FeaturePart> features = List.of();

    PendingLinks(VerificationStore verifications) {
        this.verifications = verifications;
    }

    /** The parts that started, installed once they all have. */
    void install(List<FeaturePart> started) {
        features = List.copyOf(started);
    }

    /**
     * Deletes every unopened link that would change the user's address, password or existence, and what the features
     * remember in place of a sign-in.
     */
    void forgetActing(String userId) {
        ACTING.forEach(prefix -> verifications.deleteAll(prefix + userId));
        forgetStandIns(userId);
    }

    /** Tells the features the owner took the account back (a password change that keeps the other sessions too). */
    void forgetStandIns(String userId) {
        features.forEach(f -> f.accountTakenBack(userId));
    }

    /**
     * Deletes every unopened link of the user, verification links too, and nothing else: for an address that someone
     * else (an admin) changes, so no link mailed to the old address still acts on the account or proves an address.
     */
    void forgetLinks(String userId) {
        ACTING.forEach(prefix -> verifications.deleteAll(prefix + userId));
        verifications.deleteAll(EmailVerification.PREFIX + userId);
    }

    /** Deletes every unopened link of the user, verification links too: for an account that goes away. */
    void forgetAll(String userId) {
        forgetActing(userId);
        verifications.deleteAll(EmailVerification.PREFIX + userId);
    }
}
