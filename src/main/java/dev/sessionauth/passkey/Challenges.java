package dev.sessionauth.passkey;

import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.spi.VerificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The challenges between an options call and its verify call: single use, bound to the browser, five minutes, and
 * kept where every instance sees them. Issuing one makes a random token (256 bits) that goes to the browser in a
 * signed, HttpOnly cookie ({@value #COOKIE}), and a verification row keyed by the token's hash that names the
 * ceremony, the user it was issued to and the challenge; the verify call presents the cookie and the row is used up,
 * whatever then happens. So a challenge cannot be answered twice, from another browser, after five minutes, or for
 * the other ceremony; and the database holds no token a leak could replay. A new options call replaces the cookie
 * (one ceremony at a time per browser, as Better Auth does).
 */
final class Challenges {
    /** The cookie's name after {@code cookie.prefix}. */
    static final String COOKIE = "passkey_challenge";
    /** How long a challenge can be answered: Better Auth's five minutes (the browser waits one). */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final String KIND = "passkey-";
    /** Between the token and a payload in the cookie: in neither alphabet (base64url), nor the signature's '.'. */
    private static final String PAYLOAD = "~";

    /** The two ceremonies, which never accept each other's challenges. */
    enum Ceremony {
        /** Adding a passkey to a signed-in user. */
        REGISTRATION("passkey-registration:"),
        /** Signing in with one. */
        AUTHENTICATION("passkey-authentication:"),
        /** Creating an account whose first way in is the passkey ({@code passkey.signUp}). */
        SIGN_UP("passkey-signup:");

        private final String prefix;

        Ceremony(String prefix) {
            this.prefix = prefix;
        }
    }

    /**
     * A challenge taken out of storage, now the verify call's alone.
     *
     * @param userId  who it was issued to: the registering user (for a sign-up, the id the new account will get), or
     *                for a sign-in the user who was signed in when it was issued (empty when nobody was)
     * @param payload what the options call left for the verify call beside the challenge (a sign-up's account,
     *                base64url), carried in the signed cookie
     */
    record Pending(Ceremony ceremony, Optional<String> userId, Challenge challenge, Optional<String> payload) {
    }

    private final VerificationStore verifications;
    private final CookieSigner signer;
    private final TokenGenerator tokens;
    private final Clock clock;

    Challenges(VerificationStore verifications, CookieSigner signer, TokenGenerator tokens, Clock clock) {
        this.verifications = verifications;
        this.signer = signer;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Keeps {@code challenge} for {@code ceremony} of {@code userId} (empty: nobody signed in); the cookie to set. */
    BrowserUpdate.FeatureCookie issue(Ceremony ceremony, Optional<String> userId, Challenge challenge) {
        return issue(ceremony, userId, challenge, Optional.empty());
    }

    /**
     * The same, with a {@code payload} (base64url) for the verify call, which the cookie carries under the same
     * signature as the token: it comes back exactly as given, or the cookie is refused whole.
     */
    BrowserUpdate.FeatureCookie issue(Ceremony ceremony, Optional<String> userId, Challenge challenge,
            Optional<String> payload) {
        String token = tokens.newToken();
        Instant now = clock.instant();
        verifications.create(tokens.newId(), ceremony.prefix + userId.orElse("") + ":" + challenge.value(),
                TokenHasher.hash(token), now.plus(MAX_AGE), now);
        return BrowserUpdate.FeatureCookie.set(COOKIE, signer.sign(token + payload.map(p -> PAYLOAD + p).orElse("")),
                MAX_AGE);
    }

    /**
     * Uses up the challenge the request's cookie names, which must be for {@code expected}. One of another ceremony
     * is used up too (Better Auth does the same), so it cannot be tried again at the right endpoint.
     *
     * @throws PasskeyException {@code CHALLENGE_NOT_FOUND}: no cookie, a forged one, a challenge used, expired or of
     *                          the other ceremony
     */
    Pending take(Presented presented, Ceremony expected) {
        String value = presented.featureCookie(COOKIE).flatMap(signer::verify).orElseThrow(Challenges::notFound);
        int split = value.indexOf(PAYLOAD);
        String token = split < 0 ? value : value.substring(0, split);
        Optional<String> payload = split < 0 ? Optional.empty() : Optional.of(value.substring(split + 1));
        if (!TokenGenerator.looksLikeToken(token)) {
            throw notFound();
        }
        String hash = TokenHasher.hash(token);
        Instant now = clock.instant();
        // Looked at before it is used up: a row of another kind (a mailed link's) is never ours to spend.
        if (verifications.find(hash, now).filter(id -> id.startsWith(KIND)).isEmpty()) {
            throw notFound();
        }
        String identifier = verifications.consume(hash, now).orElseThrow(Challenges::notFound);
        if (!identifier.startsWith(expected.prefix)) {
            throw notFound();
        }
        String rest = identifier.substring(expected.prefix.length());
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw notFound();
        }
        String userId = rest.substring(0, colon);
        return new Pending(expected, userId.isEmpty() ? Optional.empty() : Optional.of(userId),
                Challenge.of(rest.substring(colon + 1)), payload);
    }

    private static PasskeyException notFound() {
        return new PasskeyException(PasskeyErrorCode.CHALLENGE_NOT_FOUND);
    }
}
