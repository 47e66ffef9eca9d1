package dev.sessionauth.engine;

import java.util.List;
import java.util.Optional;

/**
 * The session tokens a request presented, as the web layer read them: the candidates to try in order (each
 * already unwrapped from its signed cookie, or empty when the signature did not verify) and the jwt strategy's
 * cached session, if the browser sent one. The engine deals in these, never in cookies.
 *
 * @param candidates   the tokens to try, in order; at most a few
 * @param sessionCache the {@code session_data} value, which may answer for the first candidate of a cookie
 */
public record Presented(List<Candidate> candidates, Optional<String> sessionCache) {
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
