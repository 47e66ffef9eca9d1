package dev.sessionauth.twofactor;

import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Presented;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign-ins whose first factor held and that wait for a code (Better Auth's {@code two_factor} cookie): a server row
 * keyed by the hash of a random 256-bit id, and that id in a signed cookie of this browser only. A row lives
 * {@code twoFactor.pendingMaxAge}, allows {@link TwoFactorAttempts#ALLOWED_ATTEMPTS_PER_CHALLENGE} wrong codes and is
 * used once: the code that holds ends it.
 */
final class PendingSignIns {
    /** The cookie's name after {@code cookie.prefix}: Better Auth's. */
    static final String COOKIE = "two_factor";
    // A prefix of its own, so no other value we sign (a session token, a trusted device) passes for this one.
    private static final String PREFIX = "2fa1!";
    private static final int EXPIRED_ROWS_PER_CLEANUP = 100;

    private final TwoFactorStore store;
    private final CookieSigner signer;
    private final TokenGenerator tokens;
    private final Clock clock;
    private final Duration maxAge;

    PendingSignIns(TwoFactorStore store, CookieSigner signer, TokenGenerator tokens, Clock clock, Duration maxAge) {
        this.store = store;
        this.signer = signer;
        this.tokens = tokens;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** A pending sign-in that a request presented and the store still has. */
    record Found(String idHash, TwoFactorStore.Pending pending) {
    }

    /** Remembers a sign-in of {@code userId} by {@code method}; the cookie that names it. */
    BrowserUpdate.FeatureCookie start(String userId, String method, boolean rememberMe) {
        Instant now = clock.instant();
        // Rows of abandoned sign-ins go a few at a time, here, rather than on a schedule of their own.
        store.deleteExpired(now, EXPIRED_ROWS_PER_CLEANUP);
        String id = tokens.newToken();
        store.createPending(TokenHasher.hash(id),
                new TwoFactorStore.Pending(userId, method, rememberMe, 0, now.plus(maxAge)), now);
        return BrowserUpdate.FeatureCookie.set(COOKIE, signer.sign(PREFIX + id), maxAge);
    }

    /** The pending sign-in the request's cookie names, when its signature holds and it still waits. */
    Optional<Found> find(Presented presented) {
        return idHash(presented).flatMap(hash -> store.findPending(hash, clock.instant()).map(p -> new Found(hash, p)));
    }

    /** The hash of the id the request's cookie carries, when it is one we signed. */
    Optional<String> idHash(Presented presented) {
        return presented.featureCookie(COOKIE).flatMap(signer::verify).filter(v -> v.startsWith(PREFIX))
                .map(v -> v.substring(PREFIX.length())).filter(TokenGenerator::looksLikeToken).map(TokenHasher::hash);
    }

    /** Counts a try before its code is checked; false when the sign-in has had all its tries (or just ended). */
    boolean spendAttempt(Found found) {
        return store.spendAttempt(found.idHash(), TwoFactorAttempts.ALLOWED_ATTEMPTS_PER_CHALLENGE, clock.instant());
    }

    /** Ends the sign-in; whether this call did (of two racing with one cookie, one wins). */
    boolean consume(Found found) {
        return store.consumePending(found.idHash(), clock.instant());
    }

    /** Whether the request presents a pending-sign-in cookie at all, valid or not. */
    static boolean presents(Presented presented) {
        return presented.featureCookie(COOKIE).isPresent();
    }

    /** Expires the cookie. */
    static BrowserUpdate.FeatureCookie clear() {
        return BrowserUpdate.FeatureCookie.clear(COOKIE);
    }
}
