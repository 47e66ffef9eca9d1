package dev.sessionauth.twofactor;

import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Presented;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * "Trust this device" (Better Auth's {@code trust_device} cookie), kept as server rows so it can be revoked: a row per
 * device keyed by the hash of a random id and bound to the user, and a signed cookie carrying the id and the user. A
 * device lets only its own user skip the code, only while its row lives, and its value works once: every use moves
 * the device to a new id and a new cookie, keeping the expiry the code set (a device is trusted for
 * {@code twoFactor.trustDeviceMaxAge} from the code, not from its last use). Disabling two-factor, changing or
 * resetting the password and "sign out everywhere" forget every device of the user.
 */
final class TrustedDevices {
    /** The cookie's name after {@code cookie.prefix}: Better Auth's. */
    static final String COOKIE = "trust_device";

    private final TwoFactorStore store;
    private final TrustedDeviceCookie cookies;
    private final Clock clock;
    private final Duration maxAge;

    TrustedDevices(TwoFactorStore store, CookieSigner signer, TokenGenerator tokens, Clock clock, Duration maxAge) {
        this.store = store;
        this.cookies = new TrustedDeviceCookie(signer, tokens);
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** A device the request presents, as its cookie says (signature checked, store not asked yet). */
    Optional<TrustedDeviceToken> presented(Presented presented) {
        return presented.featureCookie(COOKIE).flatMap(cookies::read);
    }

    /** Trusts this browser for {@code userId} from now on; the cookie to set. */
    BrowserUpdate.FeatureCookie trust(String userId) {
        Instant now = clock.instant();
        return store(cookies.issue(userId), now.plus(maxAge), now);
    }

    /**
     * Uses the device {@code token} names for its user's sign-in: the cookie of its next value when the device is
     * still trusted (the one presented stops counting), else empty.
     */
    Optional<BrowserUpdate.FeatureCookie> use(TrustedDeviceToken token) {
        Instant now = clock.instant();
        return store.consumeTrusted(token.storageKey(), token.userId(), now)
                .map(expiresAt -> store(cookies.rotate(token), expiresAt, now));
    }

    /** Forgets every device of the user. */
    void forget(String userId) {
        store.deleteTrusted(userId);
    }

    private BrowserUpdate.FeatureCookie store(TrustedDeviceToken token, Instant expiresAt, Instant now) {
        store.createTrusted(token.storageKey(), token.userId(), expiresAt, now);
        return BrowserUpdate.FeatureCookie.set(COOKIE, cookies.value(token), Duration.between(now, expiresAt));
    }

    /** Expires the cookie. */
    static BrowserUpdate.FeatureCookie clear() {
        return BrowserUpdate.FeatureCookie.clear(COOKIE);
    }
}
