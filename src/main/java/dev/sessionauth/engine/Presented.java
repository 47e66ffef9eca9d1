package dev.sessionauth.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session tokens a request presented, as the web layer read them: the candidates to try in order (each
 * already unwrapped from its signed cookie, or empty when the signature did not verify) and the jwt strategy's
 * cached session, if the browser sent one. The engine deals in these, never in cookies.
 *
 * @param candidates   the tokens to try, in order; at most a few
 * @param sessionCache the {@code session_data} value, which may answer for the first candidate of a cookie
 * @param featureCookies the cookies the ways in read (a pending second step, a trusted device), by name, unverified:
 *                       each way in checks its own signature
 */
public record Presented(List<Candidate> candidates, Optional<String> sessionCache, Map<String, String> featureCookies) {
    private static final Presented NONE = new Presented(List.of(), Optional.empty());

    /** Where a candidate came from: the cache only ever answers for the session cookie it was issued beside. */
    public enum Source {
        /** The session cookie. */
        COOKIE,
        /** An {@code Authorization: Bearer} header, or a token the app's own code holds. */
        BEARER
    }

    /**
     * One presented token.
     *
     * @param token the token, or empty when what was presented is not one we could have issued (a bad signature)
     */
    public record Candidate(Optional<String> token, Source source) {
        @Override
        public String toString() {
            return "Candidate[" + source + (token.isPresent() ? "" : ", invalid") + "]";
        }
    }

    public Presented {
        candidates = List.copyOf(candidates);
        featureCookies = Map.copyOf(featureCookies);
    }

    /** Tokens and the cache, no cookies of a way in. */
    public Presented(List<Candidate> candidates, Optional<String> sessionCache) {
        this(candidates, sessionCache, Map.of());
    }

    /** The value of a way in's cookie (its name after {@code cookie.prefix}), as the browser sent it. */
    public Optional<String> featureCookie(String name) {
        return Optional.ofNullable(featureCookies.get(name));
    }

    /** A request that presented nothing. */
    public static Presented none() {
        return NONE;
    }

    /** A token the caller holds as it is (from a sign-in response), presented without a cookie. */
    public static Presented bearer(String token) {
        return new Presented(List.of(new Candidate(Optional.of(token), Source.BEARER)), Optional.empty());
    }

    @Override
    public String toString() {
        return "Presented[" + candidates + (sessionCache.isPresent() ? ", cache" : "") + "]";
    }
}
